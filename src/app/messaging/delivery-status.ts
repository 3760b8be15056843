import type pg from 'pg';
import { applyProviderStatus, type AppliedStatus } from '../../db/messaging/message-store.js';
import { callbackErrorCode, callbackRawStatus, callbackSid, normaliseProviderStatus, type StatusCallback } from '../../domain/messaging/outbound-sms.js';
import { tenantOfMessage } from '../../db/cross-tenant.js';
import { withTenant } from '../../db/tenant-scope.js';

export type StatusOutcome = AppliedStatus & { ignored?: string };

/**
 * A provider's delivery update for one of our messages. Safe to receive any number of times and in
 * any order: the status only moves forward (see outbound-sms.ts), so no separate event log is needed.
 */
export async function receiveStatusCallback(pool: pg.Pool, params: StatusCallback, messageIdHint?: string | null): Promise<StatusOutcome> {
  const sid = callbackSid(params);
  const status = normaliseProviderStatus(callbackRawStatus(params));
  if (!sid || !status) return { found: false, changed: false, ignored: 'missing MessageSid or a known MessageStatus' };
  const messageId = messageIdHint && /^\d{1,15}$/.test(messageIdHint) ? Number(messageIdHint) : null;
  const tenantId = await tenantOfMessage(pool, sid, messageId);
  if (!tenantId) return { found: false, changed: false };
  return withTenant(tenantId, () => applyProviderStatus(pool, { providerMessageId: sid, status, messageId, errorCode: callbackErrorCode(params) }));
}
