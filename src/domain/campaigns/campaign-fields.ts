import { countSegments, MAX_SEGMENTS_PER_MESSAGE } from '../messaging/sms-segments.js';
import { templateProblems } from '../messaging/templates.js';
import { validationError, type FieldErrors } from '../shared/errors.js';
import type { CampaignRow } from './campaign-row.js';

export const EDITABLE_FIELDS = [
  'name',
  'description',
  'campaign_type',
  'message_text',
  'template_id',
  'scheduled_at',
  'target_contact_ids',
  'target_segment_ids',
  'target_criteria',
  'settings',
  'is_recurring',
  'recurring_schedule',
  'is_active',
] as const satisfies readonly (keyof CampaignRow)[];

/** The editable fields of a campaign, as stored. */
export type CampaignFields = Pick<CampaignRow, (typeof EDITABLE_FIELDS)[number]>;

export const NEW_CAMPAIGN: CampaignFields = {
  name: '',
  description: '',
  campaign_type: 'sms',
  message_text: '',
  template_id: null,
  scheduled_at: null,
  target_contact_ids: [],
  target_segment_ids: [],
  target_criteria: {},
  settings: {},
  is_recurring: false,
  recurring_schedule: {},
  is_active: true,
};

export const fieldsOf = (row: CampaignRow): CampaignFields =>
  Object.fromEntries(EDITABLE_FIELDS.map((k) => [k, k === 'target_contact_ids' || k === 'target_segment_ids' ? row[k].map(Number) : row[k]])) as unknown as CampaignFields;

/**
 * The rules a campaign must meet to be saved: a message whose placeholders exist and that fits in
 * MAX_SEGMENTS_PER_MESSAGE parts, an existing template of the tenant, a cron for a recurring campaign,
 * a start time in the future when one is being set. Returns the text the campaign will send.
 */
/** Reads a template's body in the caller's tenant, or null when it has no such template. */
export type TemplateBodyLookup = (templateId: number) => Promise<string | null>;

export async function checkFields(templateBody: TemplateBodyLookup, f: CampaignFields, changed: Partial<CampaignFields>, now: Date, opts: { requireName?: boolean } = {}): Promise<string> {
  const errors: FieldErrors = {};
  if (opts.requireName && !f.name.trim()) errors.name = ['This field is required.'];
  let text = f.message_text;
  if (f.template_id !== null) {
    const body = await templateBody(f.template_id);
    if (body === null) errors.template = [`Unknown template id for this tenant: ${f.template_id}.`];
    else if (!text.trim()) text = body;
  }
  const problems = templateProblems(f.message_text);
  if (problems.length) errors.message_text = problems;
  const segments = countSegments(text).segments;
  if (segments > MAX_SEGMENTS_PER_MESSAGE) errors.message_text = [...(errors.message_text ?? []), `Message too long: ${segments} SMS segments, at most ${MAX_SEGMENTS_PER_MESSAGE}.`];
  if (f.is_recurring && !f.recurring_schedule.cron) errors.recurring_schedule = ['A recurring campaign needs recurring_schedule.cron, e.g. {"cron": "0 9 * * 1", "timezone": "UTC"}.'];
  if (changed.scheduled_at && changed.scheduled_at.getTime() <= now.getTime()) errors.scheduled_at = ['Scheduled time must be in the future.'];
  if (Object.keys(errors).length) throw validationError(errors);
  return text;
}
