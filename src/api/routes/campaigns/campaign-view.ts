import { CAMPAIGN_TYPE_DISPLAY, type CampaignRow } from '../../../domain/campaigns/campaign-row.js';
import { CAMPAIGN_STATUS_DISPLAY, canAct, isFinalCampaignStatus } from '../../../domain/campaigns/campaign-status.js';
import { deliveryRate, progressPercentage, readRate } from '../../../domain/campaigns/campaign-figures.js';

export interface ViewLookups {
  userNames: Map<number, string>;
  segmentNames: Map<number, string>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const money = (n: number) => Math.round(Number(n) * 10_000) / 10_000;

/** A campaign as seed 004's list and detail show it, with the action flags a client needs. */
export function campaignView(c: CampaignRow, lookups: ViewLookups) {
  const figures = { total: c.total_recipients, processed: c.processed_count, sent: c.sent_count, delivered: c.delivered_count, read: c.read_count };
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    campaign_type: c.campaign_type,
    campaign_type_display: CAMPAIGN_TYPE_DISPLAY[c.campaign_type],
    message_text: c.message_text,
    template: c.template_id,
    status: c.status,
    status_display: CAMPAIGN_STATUS_DISPLAY[c.status],
    scheduled_at: iso(c.scheduled_at),
    started_at: iso(c.started_at),
    completed_at: iso(c.completed_at),
    total_recipients: c.total_recipients,
    sent_count: c.sent_count,
    delivered_count: c.delivered_count,
    read_count: c.read_count,
    failed_count: c.failed_count,
    unknown_count: c.unknown_count,
    skipped_count: c.skipped_count,
    cancelled_count: c.cancelled_count,
    estimated_cost: money(c.estimated_cost),
    actual_cost: money(c.actual_cost),
    progress_percentage: progressPercentage(figures, c.status === 'completed'),
    delivery_rate: deliveryRate(figures),
    read_rate: readRate(figures),
    is_active: c.is_active && !isFinalCampaignStatus(c.status),
    can_edit: canAct('edit', c.status),
    can_start: canAct('start', c.status),
    can_pause: canAct('pause', c.status),
    can_resume: canAct('resume', c.status),
    can_cancel: canAct('cancel', c.status),
    can_delete: canAct('delete', c.status),
    is_recurring: c.is_recurring,
    recurring_schedule: c.recurring_schedule,
    settings: c.settings,
    target_contact_ids: c.target_contact_ids.map(Number),
    target_segment_ids: c.target_segment_ids.map(Number),
    target_criteria: c.target_criteria,
    created_by: c.created_by,
    created_by_name: c.created_by !== null ? (lookups.userNames.get(Number(c.created_by)) ?? '') : '',
    created_at: iso(c.created_at),
    updated_at: iso(c.updated_at),
    target_contact_count: c.target_contact_ids.length,
    target_segment_names: c.target_segment_ids.map((id) => lookups.segmentNames.get(Number(id))).filter((n): n is string => !!n),
    failure_reason: c.failure_reason,
  };
}
