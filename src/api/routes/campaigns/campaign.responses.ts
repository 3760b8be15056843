import { z } from 'zod';
import { mifumoEnvelope, pageOf } from '../../http/envelope-schemas.js';
import { json, nullableDateTime } from '../../http/common-schemas.js';
import { CAMPAIGN_STATUSES } from '../../../domain/campaigns/campaign-status.js';
import { CAMPAIGN_TYPES } from '../../../domain/campaigns/campaign-row.js';

/** Seed 004's campaign, as `campaignView` writes it, and the dashboard of `analytics/overview/`. */
const int = z.number().int();
const status = z.enum(CAMPAIGN_STATUSES);

export const campaignView = z.object({
  id: int,
  name: z.string(),
  description: z.string().nullable(),
  campaign_type: z.enum(CAMPAIGN_TYPES),
  campaign_type_display: z.string(),
  message_text: z.string().nullable(),
  template: int.nullable(),
  status,
  status_display: z.string(),
  scheduled_at: nullableDateTime,
  started_at: nullableDateTime,
  completed_at: nullableDateTime,
  total_recipients: int,
  sent_count: int,
  delivered_count: int,
  read_count: int,
  failed_count: int,
  unknown_count: int,
  skipped_count: int,
  cancelled_count: int,
  estimated_cost: z.number(),
  actual_cost: z.number(),
  progress_percentage: z.number(),
  delivery_rate: z.number(),
  read_rate: z.number(),
  is_active: z.boolean(),
  can_edit: z.boolean(),
  can_start: z.boolean(),
  can_pause: z.boolean(),
  can_resume: z.boolean(),
  can_cancel: z.boolean(),
  can_delete: z.boolean(),
  is_recurring: z.boolean(),
  recurring_schedule: json.nullable(),
  settings: json.nullable(),
  target_contact_ids: z.array(int),
  target_segment_ids: z.array(int),
  target_criteria: json.nullable(),
  created_by: int.nullable(),
  created_by_name: z.string(),
  created_at: nullableDateTime,
  updated_at: nullableDateTime,
  target_contact_count: int,
  target_segment_names: z.array(z.string()),
  failure_reason: z.string().nullable(),
});

const estimate = z.object({
  total_recipients: int,
  estimated_cost: z.number(),
  currency: z.string(),
  explanations: z.unknown(),
  target_segment_names: z.array(z.string()),
});

const figures = z.record(z.string(), z.number());

export const campaignResponses = {
  page: mifumoEnvelope(pageOf(campaignView)),
  one: mifumoEnvelope(campaignView),
  created: z.union([mifumoEnvelope(campaignView), mifumoEnvelope(estimate)]).meta({ description: '201 with the campaign; 200 with the price when ?dry_run=true' }),
  deleted: mifumoEnvelope(z.null()),
  action: mifumoEnvelope(campaignView).extend({
    campaign: z.object({ id: int, status, started_at: nullableDateTime, scheduled_at: nullableDateTime }),
  }),
  overview: mifumoEnvelope(
    z.looseObject({
      total_contacts: int,
      active_contacts: int,
      opted_in_contacts: int,
      total_campaigns: int,
      active_campaigns: int,
      campaigns_by_status: z.record(z.string(), int),
      total_messages: int,
      messages_sent: int,
      messages_delivered: int,
      messages_read: int,
      messages_failed: int,
      messages_received: int,
      delivery_rate: z.number(),
      read_rate: z.number(),
      total_cost: z.number(),
      campaign_messages: figures,
      direct_messages: figures,
      recent_campaigns: z.array(z.looseObject({ id: int, name: z.string(), status: z.string(), progress_percentage: z.number() })),
    }),
  ),
};
