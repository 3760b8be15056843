import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CampaignStatus } from '../../domain/campaigns/campaign-status.js';
import type { CampaignCounts } from '../../domain/campaigns/campaign-figures.js';

/** What every control update answers once the workflow has acted on it. */
export interface CampaignControlAnswer {
  status: CampaignStatus;
}

/** `startInMs`: how long until the campaign's `scheduled_at`, measured by the caller (0 or less: now). */
export const startCampaignUpdate = defineUpdate<CampaignControlAnswer, [{ startInMs: number }]>('start');
/** Returns only once no send is in flight: nothing leaves after the answer. */
export const pauseCampaignUpdate = defineUpdate<CampaignControlAnswer, []>('pause');
export const resumeCampaignUpdate = defineUpdate<CampaignControlAnswer, [{ startInMs: number }]>('resume');
/** A new `scheduled_at` for a campaign still waiting to start. */
export const rescheduleCampaignUpdate = defineUpdate<CampaignControlAnswer, [{ startInMs: number }]>('reschedule');

export interface CampaignLiveView {
  status: CampaignStatus;
  counts: CampaignCounts;
  progressPercentage: number;
  deliveryRate: number;
  readRate: number;
  runId: number | null;
  /** Passes over the ledger finished so far, and the recipients the last one held for quiet hours. */
  passes: number;
  heldForQuietHours: number;
}

export const campaignProgressQuery = defineQuery<CampaignLiveView>('campaignProgress');
