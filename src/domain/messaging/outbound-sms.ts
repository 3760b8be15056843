import { z } from 'zod';
import type { SmsProviderError } from './sms-provider.js';

/**
 * The rules of an outbound SMS, shared by direct sends (messages) and campaign sends (the ledger):
 * its status machine, the provider's status vocabulary folded onto it, the status callback's shape,
 * and what a send the provider did not plainly accept means.
 */

// ---- Status machine ----------------------------------------------------------------------------

/**
 * queued < sending < sent < delivered < read, and failed / undelivered / cancelled end it. A status
 * never moves backwards, so a late or repeated `sent` callback never overwrites `delivered`, and
 * nothing follows a failure. Inbound messages are `received` and stay so. `cancelled` is spelt as
 * the seed documents spell it; Twilio's `canceled` is folded onto it.
 */
const PROGRESS_ORDER = ['queued', 'sending', 'sent', 'delivered', 'read'] as const;
export const FAILURE_STATUSES = ['failed', 'undelivered', 'cancelled'] as const;
const INBOUND_STATUS = 'received';

export type ProgressStatus = (typeof PROGRESS_ORDER)[number];
export type FailureStatus = (typeof FAILURE_STATUSES)[number];
export type MessageStatus = ProgressStatus | FailureStatus | typeof INBOUND_STATUS;

const FINAL: readonly MessageStatus[] = [...FAILURE_STATUSES, INBOUND_STATUS];
const DELIVERED_RANK = PROGRESS_ORDER.indexOf('delivered');

const isFailure = (s: string): s is FailureStatus => (FAILURE_STATUSES as readonly string[]).includes(s);
export const isFinal = (s: string) => (FINAL as readonly string[]).includes(s);
const rank = (s: string) => (PROGRESS_ORDER as readonly string[]).indexOf(s);

/** Whether a message in `from` may take status `to`. */
export function canTransition(from: string, to: string): boolean {
  if (from === to || isFinal(from)) return false;
  if (isFailure(to)) return rank(from) < DELIVERED_RANK;
  const next = rank(to);
  return next >= 0 && next > rank(from);
}

/** The status a message ends in when `incoming` arrives while it is `current`. */
export const mergeStatus = (current: MessageStatus, incoming: MessageStatus): MessageStatus => (canTransition(current, incoming) ? incoming : current);

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const rankSql = (expr: string) => `(case ${expr} ${PROGRESS_ORDER.map((s, i) => `when '${s}' then ${i}`).join(' ')} else -1 end)`;

/**
 * `canTransition(current, next)` as a SQL boolean, for set-based updates:
 * `update messages set status = $2 where id = $1 and ${sqlCanTransition('status', '$2::text')}`.
 */
export function sqlCanTransition(current: string, next: string): string {
  return `(${current} not in (${list(FINAL)}) and ${current} <> ${next} and (case when ${next} in (${list(FAILURE_STATUSES)}) then ${rankSql(current)} < ${DELIVERED_RANK} else ${rankSql(next)} > ${rankSql(current)} end))`;
}

// ---- Provider statuses and their callback ------------------------------------------------------

/** Twilio's vocabulary (and our simulated provider's) folded onto ours; anything unknown is ignored rather than stored. */
const PROVIDER_ALIASES: Record<string, MessageStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  partially_delivered: 'sent',
  read: 'read',
  failed: 'failed',
  undelivered: 'undelivered',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  receiving: 'received',
  received: 'received',
};

export function normaliseProviderStatus(raw: string | undefined | null): MessageStatus | null {
  return raw ? (PROVIDER_ALIASES[raw.trim().toLowerCase()] ?? null) : null;
}

/** A provider's delivery update as it is posted (form fields; Twilio sends both the Message* and the older Sms* names). */
export const statusCallbackSchema = z.looseObject({
  MessageSid: z.string().max(64).optional(),
  SmsSid: z.string().max(64).optional(),
  MessageStatus: z.string().max(32).optional(),
  SmsStatus: z.string().max(32).optional(),
  ErrorCode: z.string().max(16).optional(),
});
export type StatusCallback = z.output<typeof statusCallbackSchema>;

export const callbackSid = (cb: StatusCallback): string | null => cb.MessageSid ?? cb.SmsSid ?? null;
export const callbackRawStatus = (cb: StatusCallback): string | undefined => cb.MessageStatus ?? cb.SmsStatus;
export const callbackErrorCode = (cb: StatusCallback): string | null => cb.ErrorCode || null;

// ---- Sends the provider did not plainly accept -------------------------------------------------

/**
 * What a failed provider call proves about the message:
 * - `refused`: the provider answered no (an invalid number, an unverified sender); it never left and a
 *   retry changes nothing.
 * - `not-taken`: throttled (429) or the connection never opened; it did not leave and may be sent again.
 * - `provider-error`: the provider answered 5xx; it may have kept the message before failing.
 * - `unanswered`: no answer came (timeout, connection dropped); the message may have left.
 */
export type SendFailure = 'refused' | 'not-taken' | 'provider-error' | 'unanswered';

const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function classifySendFailure(err: SmsProviderError): SendFailure {
  if (!err.retryable) return 'refused';
  if (err.httpStatus === null) return NEVER_CONNECTED.has(String(err.providerCode)) ? 'not-taken' : 'unanswered';
  return err.httpStatus >= 500 ? 'provider-error' : 'not-taken';
}

/** Only a send that may hide an accepted message is worth looking for in the provider's log. */
export const mayHaveLeft = (f: SendFailure): f is 'provider-error' | 'unanswered' => f === 'provider-error' || f === 'unanswered';

/**
 * How the provider's log is searched for such a send: messages to the same number with the same body,
 * created since a minute before the send was claimed or started (the provider's clock is not ours),
 * asked up to `tries` times with doubling waits when the log cannot be read.
 */
export const LOG_SEARCH = { lookBackMs: 60_000, tries: 4, firstRetryMs: 250 } as const;

export const logSearchSince = (sendStartedAt: Date) => new Date(sendStartedAt.getTime() - LOG_SEARCH.lookBackMs);

export type LogSearch = { kind: 'found'; providerMessageId: string } | { kind: 'absent' } | { kind: 'unreadable' };

/**
 * The outcome of a send that may have left, once the log has been read:
 * - `sent`: the log holds it.
 * - `not-taken`: the provider answered 5xx and kept nothing.
 * - `unknown`: no answer came and the log does not hold it (yet: a log may lag the send), or the log
 *   cannot be read. The SMS may have left, so it is never sent again and never reported failed or
 *   refunded; its status callback, which carries our id, settles it. A campaign ledger row records it
 *   as `unknown`; a message row, which has no such status, stays `queued` with the reason noted.
 */
export type SearchedSendOutcome = 'sent' | 'not-taken' | 'unknown';

export function outcomeAfterSearch(failure: 'provider-error' | 'unanswered', search: LogSearch): SearchedSendOutcome {
  if (search.kind === 'found') return 'sent';
  if (search.kind === 'unreadable') return 'unknown';
  return failure === 'provider-error' ? 'not-taken' : 'unknown';
}

/** The note kept on a message whose outcome is unknown. */
export const unknownOutcomeNote = (reason: string) => `Outcome unknown: ${reason}`;
