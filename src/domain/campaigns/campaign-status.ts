/**
 * The campaign lifecycle as one transition table, read by the API (which action is allowed, and the
 * INVALID_STATUS answer when it is not), the workflow (update validators) and the tests.
 * Pure: the workflow bundle imports it.
 */
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled', 'failed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_STATUS_DISPLAY: Record<CampaignStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/**
 * Every legal move. `running → scheduled` is a recurring campaign going back to wait for its next
 * occurrence; `paused → scheduled` is resuming a campaign whose start time (or next occurrence) lies ahead.
 */
const CAMPAIGN_TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['scheduled', 'running', 'cancelled'],
  scheduled: ['running', 'paused', 'cancelled'],
  running: ['paused', 'completed', 'failed', 'cancelled', 'scheduled'],
  paused: ['running', 'scheduled', 'cancelled'],
  completed: [],
  cancelled: [],
  failed: [],
};

export type CampaignAction = 'start' | 'pause' | 'resume' | 'cancel' | 'edit' | 'delete';

/** The statuses from which each action may be taken. */
export const ACTION_ALLOWED_FROM: Record<CampaignAction, readonly CampaignStatus[]> = {
  start: ['draft', 'scheduled'],
  pause: ['running', 'scheduled'],
  resume: ['paused'],
  cancel: ['draft', 'scheduled', 'running', 'paused'],
  edit: ['draft', 'scheduled'],
  delete: ['draft', 'scheduled', 'paused', 'completed', 'cancelled', 'failed'],
};

/** The message an API client sees when an action is refused. */
export const ACTION_REFUSED_MESSAGE: Record<CampaignAction, string> = {
  start: 'Campaign cannot be started',
  pause: 'Campaign cannot be paused',
  resume: 'Campaign cannot be resumed',
  cancel: 'Campaign cannot be cancelled',
  edit: 'Campaign cannot be edited',
  delete: 'Campaign cannot be deleted',
};

const FINAL_CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['completed', 'cancelled', 'failed'];

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return CAMPAIGN_TRANSITIONS[from].includes(to);
}

export function canAct(action: CampaignAction, status: CampaignStatus): boolean {
  return ACTION_ALLOWED_FROM[action].includes(status);
}

export function isFinalCampaignStatus(status: CampaignStatus): boolean {
  return FINAL_CAMPAIGN_STATUSES.includes(status);
}
