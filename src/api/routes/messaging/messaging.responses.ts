import { z } from 'zod';
import { mifumoEnvelope, pageOf } from '../../http/envelope-schemas.js';
import { dateTime, json, nullableDateTime } from '../../http/common-schemas.js';

/**
 * Seed 004's messaging answers inside `{success, status, message?, data}`. Rows are the stores' select
 * lists (template-store.ts VIEW, segment-store.ts VIEW, MESSAGE_VIEW …).
 */
const int = z.number().int();
const text = z.string().nullable();
const intOrNull = int.nullable();

export const template = z.object({
  id: int,
  name: z.string(),
  category: text,
  language: text,
  channel: text,
  description: text,
  body_text: z.string(),
  variables: z.array(z.string()),
  is_active: z.boolean(),
  usage_count: int,
  created_by: intOrNull,
  created_at: dateTime,
  updated_at: dateTime,
});

export const segment = z.object({
  id: int,
  name: z.string(),
  description: text,
  filter_json: json,
  criteria: json,
  contact_count: int,
  count_updated_at: nullableDateTime,
  created_by: intOrNull,
  created_at: dateTime,
  updated_at: dateTime,
});

export const message = z.object({
  id: int,
  conversation: intOrNull,
  contact: intOrNull,
  campaign: intOrNull,
  template: intOrNull,
  direction: z.enum(['inbound', 'outbound']),
  from_number: text,
  to_number: text,
  text: z.string(),
  encoding: text,
  segments: intOrNull,
  cost: z.number().nullable(),
  currency: text,
  status: z.string(),
  provider: text,
  provider_message_id: text,
  error_code: text,
  error_message: text,
  sent_at: nullableDateTime,
  delivered_at: nullableDateTime,
  read_at: nullableDateTime,
  failed_at: nullableDateTime,
  created_by: intOrNull,
  created_at: dateTime,
  updated_at: dateTime,
});

export const conversation = z.looseObject({
  id: int,
  contact: intOrNull,
  contact_name: z.string(),
  contact_phone: z.string(),
  tenant_number: z.string(),
  status: z.enum(['open', 'closed', 'archived']),
  subject: text,
  assigned_to: intOrNull,
  message_count: int,
  unread_count: int,
  last_message_at: nullableDateTime,
  last_message_text: text,
  metadata: json.nullable(),
  created_at: dateTime,
  updated_at: dateTime,
  messages: z.array(message).optional(),
});

const tenantNumber = z.object({ id: int, phone_e164: z.string(), friendly_name: z.string(), is_default: z.boolean(), channel_id: text, created_at: dateTime });
const senderId = z.object({ id: int, sender_id: z.string(), created_at: dateTime });

const sent = z.looseObject({
  message_ids: z.array(int),
  messages: z.array(z.looseObject({ id: int.optional(), to: z.string(), status: z.string(), provider_message_id: text.optional(), error: text.optional() })),
  total_recipients: int,
  sent_count: int,
  failed_count: int,
  segments: int,
  encoding: z.string(),
  characters: int,
  cost_per_message: z.number(),
  cost: z.number(),
});

const deleted = mifumoEnvelope(z.null());

export const messagingResponses = {
  templates: mifumoEnvelope(pageOf(template)),
  template: mifumoEnvelope(template),
  segments: mifumoEnvelope(pageOf(segment)),
  segment: mifumoEnvelope(segment),
  conversations: mifumoEnvelope(pageOf(conversation)),
  conversation: mifumoEnvelope(conversation),
  messages: mifumoEnvelope(pageOf(message)),
  message: mifumoEnvelope(message),
  numbers: mifumoEnvelope(pageOf(tenantNumber)),
  number: mifumoEnvelope(tenantNumber),
  senderIds: mifumoEnvelope(pageOf(senderId)),
  senderId: mifumoEnvelope(senderId),
  deleted,
  smsSent: mifumoEnvelope(sent),
  balance: mifumoEnvelope(z.object({ balance: z.number(), currency: z.string(), simulated: z.boolean(), provider: z.string() })),
  smsStats: mifumoEnvelope(
    z.looseObject({
      period_days: int,
      total_sent: int,
      total_delivered: int,
      total_failed: int,
      total_pending: int,
      total_received: int,
      total_segments: int,
      delivery_rate: z.number(),
      failure_rate: z.number(),
      total_cost: z.number(),
      currency: z.string(),
      by_status: z.record(z.string(), int),
    }),
  ),
  phone: mifumoEnvelope(
    z.object({
      phone_number: z.string(),
      valid: z.boolean(),
      e164: text,
      country: text,
      country_calling_code: text,
      type: text,
      national_format: text,
      international_format: text,
    }),
  ),
  connection: mifumoEnvelope(z.object({ connected: z.boolean(), ok: z.boolean(), detail: z.string(), simulated: z.boolean(), provider: z.string() })),
  smsStatus: mifumoEnvelope(
    z.object({
      id: int,
      message_id: int,
      provider_message_id: text,
      to: text,
      status: z.string(),
      error_code: text,
      error_message: text,
      segments: intOrNull,
      cost: z.number().nullable(),
      currency: text,
      sent_at: nullableDateTime,
      delivered_at: nullableDateTime,
      read_at: nullableDateTime,
      failed_at: nullableDateTime,
      created_at: dateTime,
      updated_at: dateTime,
    }),
  ),
  twiml: { description: 'TwiML (an empty <Response/>, or a <Message> reply)', contentType: 'text/xml', schema: z.string() },
};
