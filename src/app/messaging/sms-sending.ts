import type pg from 'pg';
import type { Config } from '../../config.js';
import type { Principal } from '../../domain/identity/principal.js';
import { inTransaction } from '../../db/transaction.js';
import { validationError, type FieldErrors } from '../../domain/shared/errors.js';
import { statusCallbackUrl } from './callback-urls.js';
import { contactsByPhone, touchConversations } from '../../db/messaging/conversation-store.js';
import { insertOutboundMessages, isKnownProviderId, markAccepted, markRefused, noteError } from '../../db/messaging/message-store.js';
import { searchProviderLog } from '../../domain/messaging/send-reconciliation.js';
import { classifySendFailure, mayHaveLeft, outcomeAfterSearch, unknownOutcomeNote } from '../../domain/messaging/outbound-sms.js';
import { normaliseRecipients } from '../../domain/messaging/phone-numbers.js';
import { smsCost } from '../../domain/messaging/pricing.js';
import { resolveSender } from '../../db/messaging/sender.js';
import { countSegments, MAX_SEGMENTS_PER_MESSAGE } from '../../domain/messaging/sms-segments.js';
import type { SmsProvider } from '../../domain/messaging/sms-provider.js';
import { SmsProviderError } from '../../domain/messaging/sms-provider.js';
import { loadTenantMessaging } from './tenant-messaging.js';

export interface SmsSendingDeps {
  pool: pg.Pool;
  provider: SmsProvider;
  config: Pick<Config, 'publicBaseUrl'>;
}

export interface SendSmsInput {
  message: string;
  recipients: string[];
  senderId?: string | null;
  templateId?: number | null;
}

export interface SentMessageView {
  id: number;
  to: string;
  status: string;
  provider_message_id: string | null;
  error: string | null;
}

const CONCURRENCY = 8;

/** Refuses a body that is empty or longer than 10 parts; answers its segment count otherwise. */
function checkMessageLength(message: string, field = 'message') {
  const count = countSegments(message);
  if (count.characters === 0) throw validationError({ [field]: ['This field may not be blank.'] });
  if (count.segments > MAX_SEGMENTS_PER_MESSAGE) {
    throw validationError({ [field]: [`Message too long: ${count.segments} segments (${count.encoding}); at most ${MAX_SEGMENTS_PER_MESSAGE} are allowed.`] });
  }
  return count;
}

/**
 * Sends one text to a list of numbers: normalises them in the tenant's region, reports invalid,
 * duplicate and opted-out numbers instead of sending to them, writes every message as `queued` (and its
 * conversation) before calling the provider, then records each answer. A provider refusal fails that
 * message only.
 */
export async function sendSms(deps: SmsSendingDeps, principal: Principal, input: SendSmsInput) {
  const count = checkMessageLength(input.message);
  const tenant = await loadTenantMessaging(deps.pool, principal.tenantId);
  const list = normaliseRecipients(input.recipients, tenant.defaultRegion);
  const sender = await resolveSender(deps.pool, principal.tenantId, tenant.defaultRegion, input.senderId);
  const contacts = await contactsByPhone(deps.pool, principal.tenantId, list.valid.map((r) => r.e164));
  const optedOut = list.valid.filter((r) => contacts.get(r.e164)?.optedOut);
  const targets = list.valid.filter((r) => !contacts.get(r.e164)?.optedOut);
  if (!targets.length) throw validationError(noTargetErrors(list.invalid.length, list.duplicates.length, optedOut.length), 'No valid recipients.');

  const costEach = smsCost(count.segments, tenant.price);
  const ids = await inTransaction(deps.pool, async (sql) => {
    const participants = targets.map((r) => ({ contactNumber: r.e164, contactId: contacts.get(r.e164)?.id ?? null }));
    const threads = await touchConversations(sql, principal.tenantId, sender.threadKey, participants, input.message, 'outbound');
    return insertOutboundMessages(
      sql,
      principal.tenantId,
      principal.userId,
      participants.map((p) => ({
        conversationId: threads.get(p.contactNumber) ?? null,
        contactId: p.contactId,
        from: sender.from ?? null,
        to: p.contactNumber,
        body: input.message,
        encoding: count.encoding,
        segments: count.segments,
        cost: costEach,
        currency: tenant.price.currency,
        provider: deps.provider.name,
        templateId: input.templateId ?? null,
      })),
    );
  });

  const results = await mapLimited(ids, CONCURRENCY, (id, i) => deliver(deps, id, targets[i].e164, sender.from, input.message));
  const accepted = results.filter((r) => r.status !== 'failed');
  await touchContacts(deps.pool, principal.tenantId, accepted.map((r) => r.to));
  return {
    message_ids: ids,
    messages: results,
    total_recipients: input.recipients.length,
    sent_count: accepted.length,
    failed_count: results.length - accepted.length,
    segments: count.segments,
    encoding: count.encoding,
    characters: count.characters,
    cost_per_message: costEach,
    cost: smsCost(count.segments, tenant.price, accepted.length),
    currency: tenant.price.currency,
    sender_id: sender.from ?? null,
    invalid_recipients: list.invalid,
    duplicate_recipients: list.duplicates,
    opted_out_recipients: optedOut.map((r) => ({ input: r.input, e164: r.e164 })),
    provider: deps.provider.name,
    simulated: deps.provider.name === 'simulated',
  };
}

/**
 * Hands one stored message to the provider and records the outcome (see outbound-sms.ts): accepted
 * (with its SID); refused or not taken (failed, nothing charged); or, when the send may have left, what
 * the provider's log says: found is accepted, a 5xx that kept nothing is failed, and anything unproven
 * stays `queued` with the reason noted, for its status callback (which carries our message id) to settle.
 */
async function deliver(deps: SmsSendingDeps, id: number, to: string, from: string | undefined, body: string): Promise<SentMessageView> {
  const startedAt = new Date();
  try {
    const sent = await deps.provider.send({ to, from, body, statusCallbackUrl: statusCallbackUrl(deps.config, id) });
    const status = sent.status === 'accepted' ? 'queued' : sent.status;
    await markAccepted(deps.pool, id, sent.providerMessageId, status);
    return { id, to, status, provider_message_id: sent.providerMessageId, error: null };
  } catch (err) {
    if (!(err instanceof SmsProviderError)) throw err;
    const code = err.providerCode === undefined ? null : String(err.providerCode);
    const failure = classifySendFailure(err);
    if (!mayHaveLeft(failure)) return refused(deps, id, to, code, err.message);
    const search = await searchProviderLog(deps.provider, { to, body, startedAt }, (sid) => isKnownProviderId(deps.pool, sid, id));
    const outcome = outcomeAfterSearch(failure, search);
    if (outcome === 'not-taken') return refused(deps, id, to, code, err.message);
    if (search.kind === 'found') {
      await markAccepted(deps.pool, id, search.providerMessageId, 'queued');
      return { id, to, status: 'queued', provider_message_id: search.providerMessageId, error: null };
    }
    const note = unknownOutcomeNote(err.message);
    await noteError(deps.pool, id, code, note);
    return { id, to, status: 'queued', provider_message_id: null, error: note };
  }
}

async function refused(deps: SmsSendingDeps, id: number, to: string, code: string | null, reason: string): Promise<SentMessageView> {
  await markRefused(deps.pool, id, code, reason);
  return { id, to, status: 'failed', provider_message_id: null, error: reason };
}

async function touchContacts(pool: pg.Pool, tenantId: number, phones: string[]) {
  if (!phones.length) return;
  await pool.query('update contacts set last_contacted_at = now() where tenant_id = $1 and phone_e164 = any($2::text[]) and deleted_at is null', [tenantId, phones]);
}

function noTargetErrors(invalid: number, duplicates: number, optedOut: number): FieldErrors {
  const reasons = [invalid && `${invalid} invalid`, duplicates && `${duplicates} duplicate`, optedOut && `${optedOut} opted out`].filter(Boolean).join(', ');
  return { recipients: [`No recipient can be sent to${reasons ? ` (${reasons})` : ''}.`] };
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  });
  await Promise.all(lanes);
  return results;
}
