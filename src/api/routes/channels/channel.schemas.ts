import { z } from 'zod';
import { CHANNEL_TYPES } from '../../../domain/channels/channel-types.js';

export const generatePhoneNumberBody = z.object({
  country: z.string().trim().min(1, 'This field is required.').max(60, 'Use a country name or ISO code.'),
  name: z.string().trim().max(120).nullish(),
  type: z.enum(CHANNEL_TYPES, { error: `Must be one of: ${CHANNEL_TYPES.join(', ')}.` }).default('whatsapp'),
});

export const channelListQuery = z.object({
  type: z.enum(CHANNEL_TYPES, { error: `Must be one of: ${CHANNEL_TYPES.join(', ')}.` }).optional(),
});
