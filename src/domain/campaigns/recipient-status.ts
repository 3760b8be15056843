import { normaliseProviderStatus, type MessageStatus } from '../messaging/outbound-sms.js';

/**
 * One ledger row per campaign run and contact. A row moves forward only:
 *   pending → sending → sent → delivered → read        (the provider accepted it; callbacks move it on)
 *   sending → failed                                   (the provider refused it: never sent)
 *   sent → undelivered                                 (accepted, but the carrier could not deliver)
 *   sending → unknown → sent…                          (outcome unproven; later evidence may still move it)
 *   pending → skipped                                  (opted out / deactivated just before the send)
 *   pending → cancelled                                (the campaign was cancelled first)
 * `sending` goes back to `pending` only when the provider answered that it did not take the message.
 */
const RECIPIENT_STATUSES = ['pending', 'sending', 'unknown', 'sent', 'undelivered', 'delivered', 'read', 'failed', 'skipped', 'cancelled'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** Rank for "never backwards": a write whose status ranks lower than the row's is ignored. */
export const RECIPIENT_RANK: Record<RecipientStatus, number> = {
  pending: 0,
  sending: 1,
  unknown: 2,
  sent: 3,
  undelivered: 4,
  delivered: 5,
  read: 6,
  failed: 7,
  skipped: 7,
  cancelled: 7,
};

export function movesForward(from: RecipientStatus, to: RecipientStatus): boolean {
  return RECIPIENT_RANK[to] > RECIPIENT_RANK[from] && RECIPIENT_RANK[from] < 7;
}

/**
 * The campaign row's counters, each the number of ledger rows whose status is in the set. Writers
 * change rows and counters in one statement (`counterDeltaSql`), so the counters always equal the
 * ledger's figures without counting it on read.
 */
export const COUNTER_SETS = {
  sent_count: ['sent', 'undelivered', 'delivered', 'read'],
  delivered_count: ['delivered', 'read'],
  read_count: ['read'],
  failed_count: ['failed', 'undelivered'],
  unknown_count: ['unknown'],
  skipped_count: ['skipped'],
  cancelled_count: ['cancelled'],
  processed_count: ['unknown', 'sent', 'undelivered', 'delivered', 'read', 'failed', 'skipped', 'cancelled'],
} as const satisfies Record<string, readonly RecipientStatus[]>;

export type CounterName = keyof typeof COUNTER_SETS;

/**
 * A provider status (normalised as for messages, see outbound-sms.ts) as it moves a ledger row: the
 * ledger calls every status the provider holds the message in `sent`; inbound and cancelled statuses
 * do not concern it.
 */
const FROM_MESSAGE_STATUS: Partial<Record<MessageStatus, RecipientStatus>> = {
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'undelivered',
  failed: 'failed',
};

export function recipientStatusFromProvider(raw: string | undefined | null): RecipientStatus | null {
  const status = normaliseProviderStatus(raw);
  return (status && FROM_MESSAGE_STATUS[status]) ?? null;
}
