/**
 * The life of a message's status, shared by the API, the webhooks and the campaign workflow:
 * queued < sending < sent < delivered < read, and failed / undelivered / cancelled end it. A status
 * never moves backwards, so a late or repeated `sent` callback never overwrites `delivered`, and
 * nothing follows a failure. Inbound messages are `received` and stay so. `cancelled` is spelt as
 * the seed documents spell it; Twilio's `canceled` is folded onto it.
 */
export const PROGRESS_ORDER = ['queued', 'sending', 'sent', 'delivered', 'read'] as const;
export const FAILURE_STATUSES = ['failed', 'undelivered', 'cancelled'] as const;
export const INBOUND_STATUS = 'received';

export type ProgressStatus = (typeof PROGRESS_ORDER)[number];
export type FailureStatus = (typeof FAILURE_STATUSES)[number];
export type MessageStatus = ProgressStatus | FailureStatus | typeof INBOUND_STATUS;

export const MESSAGE_STATUSES: readonly MessageStatus[] = [...PROGRESS_ORDER, ...FAILURE_STATUSES, INBOUND_STATUS];
const FINAL: readonly MessageStatus[] = [...FAILURE_STATUSES, INBOUND_STATUS];
const DELIVERED_RANK = PROGRESS_ORDER.indexOf('delivered');

/** Twilio's vocabulary folded onto ours; anything unknown is ignored rather than stored. */
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

export const isFailure = (s: string): s is FailureStatus => (FAILURE_STATUSES as readonly string[]).includes(s);
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
