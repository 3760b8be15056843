import { sendSettingsFrom, type SendSettings } from '../../domain/campaigns/send-settings.js';
import { smsPriceFrom, smsCost, type SmsPrice } from '../../domain/messaging/pricing.js';
import { countSegments } from '../../domain/messaging/sms-segments.js';
import { resolveSender } from '../../db/messaging/sender.js';
import type { RunControl } from '../../db/campaigns/ledger/recipient-claim.js';
import { readRunSendContext } from '../../db/campaigns/ledger/campaign-runs.js';
import type { Queryable } from '../../db/queryable.js';

/** What one batch needs to know, read fresh each batch so settings changed mid-campaign apply at once. */
export interface BatchContext {
  control: RunControl;
  messageText: string;
  settings: SendSettings;
  price: SmsPrice;
  /** The tenant's default number (chosen by the one sender check), when it has one; otherwise the provider's messaging service. */
  from: string | undefined;
}

export async function loadBatchContext(db: Queryable, runId: number, tenantId: number): Promise<BatchContext> {
  const row = await readRunSendContext(db, runId, tenantId);
  if (!row) return { control: 'cancelled', messageText: '', settings: sendSettingsFrom({}), price: smsPriceFrom({}), from: undefined };
  const sender = await resolveSender(db, tenantId, row.default_region);
  return { control: row.control, messageText: row.message_text, settings: sendSettingsFrom(row.settings), price: smsPriceFrom(row.settings), from: sender.from };
}

/** Our own price for a message when the provider's answer carries none. */
export const priceOf = (body: string, price: SmsPrice) => smsCost(Math.max(1, countSegments(body).segments), price);
