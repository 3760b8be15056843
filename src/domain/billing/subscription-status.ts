/** Subscription lifecycle states and the moves between them; the API, the webhook and the workflow share this table. */
const SUBSCRIPTION_STATUSES = ['pending', 'trialing', 'active', 'past_due', 'halted', 'cancelled', 'expired'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** A tenant has at most one subscription in these states (a database constraint). */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = ['pending', 'trialing', 'active', 'past_due'];

const transitions: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  pending: ['trialing', 'active', 'cancelled', 'expired'],
  trialing: ['active', 'past_due', 'cancelled'],
  active: ['active', 'past_due', 'cancelled'],
  past_due: ['active', 'halted', 'cancelled'],
  halted: [],
  cancelled: [],
  expired: [],
};

export const canMove = (from: SubscriptionStatus, to: SubscriptionStatus) => transitions[from].includes(to);
export const isFinalSubscriptionStatus = (status: SubscriptionStatus) => transitions[status].length === 0;

/** Every state from which `to` may be reached: the guard of a conditional UPDATE. */
export function statusesBefore(to: SubscriptionStatus): SubscriptionStatus[] {
  return SUBSCRIPTION_STATUSES.filter((from) => canMove(from, to));
}
