import type pg from 'pg';
import { applyProviderStatus, type AppliedStatus } from '../../db/messaging/message-store.js';
import { normaliseProviderStatus } from '../../domain/messaging/message-status.js';
import { tenantOfMessage } from '../../db/cross-tenant.js';
import { withTenant } from '../../db/tenant-scope.js';

export interface StatusCallback {
  MessageSid?: string;
  SmsSid?: string;
  MessageStatus?: string;
  SmsStatus?: string;
  ErrorCode?: string;
}

export type StatusOutcome = AppliedStatus & { ignored?: string };

/**
 * A provider's delivery update for one of our messages. Safe to receive any number of times and in
 * any order: the status only moves forward (see message-status.ts), so no separate event log is needed.
 */
export async function receiveStatusCallback(pool: pg.Pool, params: StatusCallback, messageIdHint?: string | null): Promise<StatusOutcome> {
  const sid = params.MessageSid ?? params.SmsSid;
  const status = normaliseProviderStatus(params.MessageStatus ?? params.SmsStatus);
  if (!sid || !status) return { found: false, changed: false, ignored: 'missing MessageSid or a known MessageStatus' };
  const messageId = messageIdHint && /^\d{1,15}$/.test(messageIdHint) ? Number(messageIdHint) : null;
  const tenantId = await tenantOfMessage(pool, sid, messageId);
  if (!tenantId) return { found: false, changed: false };
  return withTenant(tenantId, () => applyProviderStatus(pool, { providerMessageId: sid, status, messageId, errorCode: params.ErrorCode || null }));
}
