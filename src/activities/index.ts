import type { ActivityDeps } from './activity-deps.js';
import { createTaskActivities } from './tasks/tasks.activities.js';
import { createPhoneActivities } from './phone/phone.activities.js';
import { createContactImportActivities } from './imports/contact-import.activities.js';
import { createCampaignActivities } from './campaigns/campaigns.activities.js';
import { createChannelActivities } from './channels/channels.activities.js';
import { createSubscriptionActivities } from './billing/subscriptions.activities.js';
import { createAgentActivities } from './agent/agent.activities.js';
import { createBroadcastActivities } from './agent/broadcast.activities.js';
import { createHousekeepingActivities } from './housekeeping/housekeeping.activities.js';
import { createOutboxActivities } from './identity/outbox.activities.js';

/** All activities, built from their dependencies; only the worker calls this. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTaskActivities(deps),
    ...createPhoneActivities(deps),
    ...createContactImportActivities(deps),
    ...createCampaignActivities(deps),
    ...createChannelActivities(deps),
    ...createSubscriptionActivities(deps),
    ...createAgentActivities(deps),
    ...createBroadcastActivities(deps),
    ...createHousekeepingActivities(deps),
    ...createOutboxActivities(deps),
  };
}

export type { ActivityDeps };
export type Activities = ReturnType<typeof createActivities>;
