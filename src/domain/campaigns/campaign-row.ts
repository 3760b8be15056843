import type { SegmentCriteria } from '../messaging/segment-criteria.js';
import type { CampaignStatus } from './campaign-status.js';

export const CAMPAIGN_TYPES = ['sms', 'whatsapp', 'email', 'mixed'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export const CAMPAIGN_TYPE_DISPLAY: Record<CampaignType, string> = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email', mixed: 'Mixed' };

export interface RecurringSchedule {
  cron?: string;
  timezone?: string;
}

/** A `campaigns` row as pg returns it (bigint and numeric columns already numbers). */
export interface CampaignRow {
  id: number;
  tenant_id: number;
  created_by: number | null;
  name: string;
  description: string;
  campaign_type: CampaignType;
  message_text: string;
  template_id: number | null;
  status: CampaignStatus;
  scheduled_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  target_contact_ids: number[];
  target_segment_ids: number[];
  target_criteria: SegmentCriteria;
  settings: Record<string, unknown>;
  is_recurring: boolean;
  recurring_schedule: RecurringSchedule;
  is_active: boolean;
  total_recipients: number;
  estimated_cost: number;
  actual_cost: number;
  sent_count: number;
  delivered_count: number;
  read_count: number;
  failed_count: number;
  unknown_count: number;
  skipped_count: number;
  cancelled_count: number;
  processed_count: number;
  workflow_id: string | null;
  schedule_id: string | null;
  failure_reason: string | null;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
