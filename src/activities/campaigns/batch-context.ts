import type pg from 'pg';
import { sendSettingsFrom, type SendSettings } from '../../domain/campaigns/send-settings.js';
import { smsPriceFrom, smsCost, type SmsPrice } from '../../domain/messaging/pricing.js';
import { countSegments } from '../../domain/messaging/sms-segments.js';
import type { RunControl } from '../../domain/campaigns/ledger/recipient-claim.js';

/** What one batch needs to know, read fresh each batch so settings changed mid-campaign apply at once. */
export interface BatchContext {
  control: RunControl;
  messageText: string;
  settings: SendSettings;
  price: SmsPrice;
  /** The tenant's sending number, when it has one; otherwise the provider's messaging service. */
  from: string | undefined;
}

export async function loadBatchContext(db: Pick<pg.Pool, 'query'>, runId: number, tenantId: number): Promise<BatchContext> {
  const { rows } = await db.query<{ control: RunControl; message_text: string; settings: Record<string, never>; from_number: string | null }>(
    `select r.control, r.message_text, t.settings,
            (select n.phone_e164 from tenant_numbers n where n.tenant_id = t.id order by n.is_default desc, n.id limit 1) as from_number
       from campaign_runs r join tenants t on t.id = r.tenant_id
      where r.id = $1 and r.tenant_id = $2`,
    [runId, tenantId],
  );
  const row = rows[0];
  if (!row) return { control: 'cancelled', messageText: '', settings: sendSettingsFrom({}), price: smsPriceFrom({}), from: undefined };
  return { control: row.control, messageText: row.message_text, settings: sendSettingsFrom(row.settings), price: smsPriceFrom(row.settings), from: row.from_number ?? undefined };
}

/** Our own price for a message when the provider's answer carries none. */
export const priceOf = (body: string, price: SmsPrice) => smsCost(Math.max(1, countSegments(body).segments), price);
