import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Config } from '../config.js';
import type { NumberLookupProvider } from '../domain/phone/lookup-provider.js';
import type { SmsProvider } from '../domain/messaging/sms-provider.js';
import type { NumberPurchaseProvider } from '../domain/channels/number-purchase.js';
import type { LanguageModel } from '../domain/agent/language-model.js';
import type { MailTransport } from '../domain/identity/mail-transport.js';

/** What the worker hands every activity factory. */
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
  /** The outbox's SMTP server (SMTP_URL); null without one, and then no delivery workflow is started. */
  mail: MailTransport | null;
}
