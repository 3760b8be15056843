import type { ActivityDeps } from '../activity-deps.js';
import { moveSubscription } from '../../db/billing/subscription-store.js';
import type { SubscriptionStatus } from '../../domain/billing/subscription-status.js';

/**
 * Activities of the subscription workflow: each one a guarded move along the subscription transition
 * table, so a retry, or a webhook that got there first, changes nothing twice. Each answers the
 * status the row has afterwards, which may be final if a webhook ended the subscription meanwhile.
 */
export function createSubscriptionActivities(deps: Pick<ActivityDeps, 'db'>) {
  const pool = deps.db.pool;

  return {
    /** The trial has begun and ends at `trialEndsAt` (ISO). */
    async subscriptionStartTrial(input: { subscriptionId: string; trialEndsAt: string }): Promise<{ status: SubscriptionStatus }> {
      const { status } = await moveSubscription(pool, input.subscriptionId, 'trialing', { trialEndsAt: input.trialEndsAt });
      return { status };
    },

    /** A paid (or free) billing period begins: active, with its cycle number and dates (ISO). */
    async subscriptionStartPeriod(input: { subscriptionId: string; cycle: number; start: string; end: string }): Promise<{ status: SubscriptionStatus }> {
      const { status } = await moveSubscription(pool, input.subscriptionId, 'active', { period: { cycle: input.cycle, start: input.start, end: input.end } });
      return { status };
    },

    /** Past due, halted, cancelled or expired. */
    async subscriptionMove(input: { subscriptionId: string; to: SubscriptionStatus; reason?: string }): Promise<{ status: SubscriptionStatus }> {
      const { status } = await moveSubscription(pool, input.subscriptionId, input.to, { reason: input.reason });
      return { status };
    },
  };
}
