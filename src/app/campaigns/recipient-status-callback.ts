import type pg from 'pg';
import { applyRecipientChanges } from '../../db/campaigns/ledger/recipient-changes.js';
import { recipientStatusFromProvider } from '../../domain/campaigns/recipient-status.js';
import { callbackErrorCode, callbackRawStatus, callbackSid, type StatusCallback } from '../../domain/messaging/outbound-sms.js';
import { tenantOfCampaignRecipient } from '../../db/cross-tenant.js';
import { withTenant } from '../../db/tenant-scope.js';

/**
 * A provider's delivery update for one ledger row. Any number of repeats, in any order, end the same:
 * the row only moves forward, and counters move with it in the same statement. A callback for a row
 * still `sending` or `unknown` (its send answer lost, or its worker crashed) settles it with the
 * provider's id.
 */
export async function receiveRecipientStatus(pool: pg.Pool, recipientId: number, params: StatusCallback): Promise<{ changed: boolean; ignored?: string }> {
  const raw = callbackRawStatus(params);
  const status = recipientStatusFromProvider(raw);
  if (!status) return { changed: false, ignored: `status ${raw ?? '(none)'} not tracked` };
  const tenantId = await tenantOfCampaignRecipient(pool, recipientId);
  if (!tenantId) return { changed: false, ignored: 'no such recipient' };
  const changed = await withTenant(tenantId, () => applyRecipientChanges(pool, [{ id: recipientId, status, providerMessageId: callbackSid(params), errorCode: callbackErrorCode(params) }]));
  return { changed: changed.length > 0 };
}
