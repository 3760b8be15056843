import { z } from 'zod';
import { segmentCriteriaSchema } from '../../../domain/messaging/segment-criteria.js';
import { CAMPAIGN_TYPES } from '../../../domain/campaigns/campaign-row.js';
import { CAMPAIGN_STATUSES } from '../../../domain/campaigns/campaign-status.js';
import { isTimeZone } from '../../../domain/campaigns/send-settings.js';
import { choiceField } from '../phone-generator/query-fields.js';

const REQUIRED = 'This field is required.';
const id = z.union([z.number().int().positive(), z.string().trim().regex(/^\d{1,15}$/, 'A valid integer is required.').transform(Number)], {
  error: 'A valid integer is required.',
});
const ids = (max: number) => z.array(id, { error: 'Expected a list of ids.' }).max(max, `At most ${max} ids.`);

/** Five cron fields (minute hour day month weekday) or a Temporal shorthand such as @daily. */
const CRON = /^(@(yearly|annually|monthly|weekly|daily|hourly)|(\S+\s+){4}\S+)$/;
const recurringSchedule = z
  .object({
    cron: z.string().trim().regex(CRON, 'Enter a cron expression such as "0 9 * * 1" (minute hour day month weekday).').optional(),
    timezone: z.string().trim().refine(isTimeZone, 'Enter an IANA time zone such as Africa/Dar_es_Salaam.').optional(),
  })
  .loose();

const settings = z.record(z.string().max(100), z.unknown(), { error: 'Settings must be an object.' }).refine((s) => JSON.stringify(s).length <= 10_000, 'Settings are too large.');

const fields = {
  name: z.string({ error: REQUIRED }).trim().min(1, 'This field may not be blank.').max(200, 'Ensure this field has no more than 200 characters.'),
  description: z.string().max(2000, 'Ensure this field has no more than 2000 characters.'),
  campaign_type: z.enum(CAMPAIGN_TYPES, { error: `Choose one of: ${CAMPAIGN_TYPES.join(', ')}.` }),
  message_text: z.string().max(5000, 'Ensure this field has no more than 5000 characters.'),
  template: id.nullable(),
  scheduled_at: z.iso.datetime({ offset: true, error: 'Enter a date and time in ISO 8601, e.g. 2024-01-01T09:00:00Z.' }).nullable(),
  target_contact_ids: ids(100_000),
  target_segment_ids: ids(100),
  target_criteria: segmentCriteriaSchema,
  settings,
  is_recurring: z.boolean({ error: 'Must be true or false.' }),
  recurring_schedule: recurringSchedule,
  is_active: z.boolean({ error: 'Must be true or false.' }),
};

/** Every field optional: creation checks `name` itself, so a dry run can price an audience without one. */
export const campaignBody = z.object({
  name: fields.name.optional(),
  description: fields.description.optional(),
  campaign_type: fields.campaign_type.optional(),
  message_text: fields.message_text.optional(),
  template: fields.template.optional(),
  scheduled_at: fields.scheduled_at.optional(),
  target_contact_ids: fields.target_contact_ids.optional(),
  target_segment_ids: fields.target_segment_ids.optional(),
  target_criteria: fields.target_criteria.optional(),
  settings: fields.settings.optional(),
  is_recurring: fields.is_recurring.optional(),
  recurring_schedule: fields.recurring_schedule.optional(),
  is_active: fields.is_active.optional(),
});
export type CampaignBody = z.output<typeof campaignBody>;

export const createQuery = z.object({ dry_run: z.enum(['true', 'false', '1', '0'], { error: 'Must be true or false.' }).optional().transform((v) => v === 'true' || v === '1') });

export const listQuery = z.object({
  status: choiceField(CAMPAIGN_STATUSES),
  type: choiceField(CAMPAIGN_TYPES),
  page: z.coerce.number({ error: 'A valid integer is required.' }).int().min(1).default(1),
  page_size: z.coerce.number({ error: 'A valid integer is required.' }).int().min(1).max(100).default(20),
});
