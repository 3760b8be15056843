import { z } from 'zod';
import { dateTime } from '../../http/common-schemas.js';

/** Seed 003's channel, exactly as `channelView` writes it (camelCase). */
export const channelView = z.object({
  id: z.string(),
  name: z.string(),
  phoneNumber: z.string(),
  countryCode: z.string(),
  isoCountry: z.string(),
  type: z.string(),
  status: z.string(),
  capabilities: z.object({ voice: z.boolean(), sms: z.boolean(), mms: z.boolean() }),
  isMock: z.boolean(),
  twilioSid: z.string().nullable(),
  createdAt: dateTime,
});

export const channelResponses = {
  purchased: channelView.extend({ message: z.string() }),
  list: z.array(channelView),
  one: channelView,
  released: channelView.extend({ released: z.literal(true), message: z.string() }),
};
