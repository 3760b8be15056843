import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Config } from '../config.js';
import { createTaskActivities } from './tasks/tasks.activities.js';
import type { NumberLookupProvider } from '../domain/phone/lookup-provider.js';
import { createPhoneActivities } from './phone/phone.activities.js';
import { createContactImportActivities } from './imports/contact-import.activities.js';
import type { SmsProvider } from '../domain/messaging/sms-provider.js';
import { createCampaignActivities } from './campaigns/campaigns.activities.js';
import type { NumberPurchaseProvider } from '../domain/channels/number-purchase.js';
import { createChannelActivities } from './channels/channels.activities.js';
import { createSubscriptionActivities } from './billing/subscriptions.activities.js';
import type { LanguageModel } from '../domain/agent/language-model.js';
import { createAgentActivities } from './agent/agent.activities.js';
import { createBroadcastActivities } from './agent/broadcast.activities.js';
import { createHousekeepingActivities } from './housekeeping/housekeeping.activities.js';

export interface ActivityDeps {
  config: Config;
  db: Database;
  logger: Logger;
  /** Number lookups: Twilio Lookup with credentials, simulated without. */
  lookup: NumberLookupProvider;
  /** SMS: Twilio (or a server speaking its REST shapes) with credentials, simulated without. */
  sms: SmsProvider;
  /** Number purchase (seed 003 channels): Twilio with credentials, simulated without. */
  numbers: NumberPurchaseProvider;
  /** Seed 002's agent: an OpenAI-compatible model with a key, simulated without. */
  languageModel: LanguageModel;
}

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
  };
}

export type Activities = ReturnType<typeof createActivities>;
