import type pg from 'pg';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TemporalHandle } from '../../temporal/client.js';
import { paymentEventSignal } from '../../workflows/subscription/subscription-messages.js';
import { inTransaction } from '../contacts/transactions.js';
import { parsePaymentEvent, type ParsedPaymentEvent, type RazorpayEvent } from './payment-events.js';
import { moveSubscription, type SubscriptionRow } from './subscription-store.js';
import type { SubscriptionStatus } from './subscription-status.js';

export interface WebhookOutcome {
  outcome: 'processed' | 'duplicate' | 'ignored';
  event: string;
  subscription_id: string | null;
  status: SubscriptionStatus | null;
}

/**
 * One verified payment webhook delivery, applied once by its event id: the event row, the subscription's
 * move and the workflow's signal happen together. The signal goes out before commit, so a failed signal
 * rolls the delivery back for the provider to retry, and a repeat (the workflow also ignores known
 * event ids) is harmless.
 */
export async function receivePaymentWebhook(pool: pg.Pool, temporal: TemporalHandle, delivery: { eventId: string; body: RazorpayEvent }): Promise<WebhookOutcome> {
  const parsed = parsePaymentEvent(delivery.body);
  return inTransaction(pool, async (c) => {
    const sub = parsed.subscriptionId ? await lockSubscription(c, parsed.subscriptionId) : null;
    const applies = !!(sub && parsed.kind);
    const recorded = await c.query(
      `insert into payment_events (event_id, event, subscription_id, tenant_id, payment_id, outcome, payload)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (event_id) do nothing returning event_id`,
      [delivery.eventId, parsed.event, sub?.id ?? null, sub?.tenant_id ?? null, parsed.paymentId, applies ? 'processed' : 'ignored', JSON.stringify(delivery.body)],
    );
    const base = { event: parsed.event, subscription_id: sub?.id ?? null };
    if (!recorded.rows[0]) return { ...base, outcome: 'duplicate', status: sub?.status ?? null };
    if (!applies) return { ...base, outcome: 'ignored', status: sub?.status ?? null };
    const { status } = await applyEvent(c, sub!, parsed);
    await temporal.client.workflow
      .getHandle(sub!.workflow_id)
      .signal(paymentEventSignal, { eventId: delivery.eventId, kind: parsed.kind!, paymentId: parsed.paymentId })
      .catch((err) => {
        // The lifecycle is over (cancelled, halted, expired): the row is all there is to update.
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      });
    return { ...base, outcome: 'processed', status };
  });
}

type LockedSubscription = SubscriptionRow & { trial_days: number };

async function lockSubscription(c: pg.PoolClient, id: string): Promise<LockedSubscription | null> {
  const { rows } = await c.query<LockedSubscription>(
    `select s.*, p.trial_days from subscriptions s join billing_plans p on p.id = s.plan_id where s.id = $1 for update of s`,
    [id],
  );
  return rows[0] ?? null;
}

/** The status an event moves a subscription to; the workflow fills in trial and period dates. */
function applyEvent(c: pg.PoolClient, sub: LockedSubscription, e: ParsedPaymentEvent) {
  const lastPaymentId = e.paymentId ?? undefined;
  switch (e.kind) {
    case 'cancelled':
      return moveSubscription(c, sub.id, 'cancelled', { reason: 'cancelled at the payment provider' });
    case 'failed':
      return moveSubscription(c, sub.id, sub.status === 'active' ? 'past_due' : sub.status, { lastPaymentId });
    default: {
      const to: SubscriptionStatus = sub.status === 'pending' ? (sub.trial_days > 0 ? 'trialing' : 'active') : sub.status === 'past_due' ? 'active' : sub.status;
      return moveSubscription(c, sub.id, to, e.kind === 'paid' ? { lastPaymentId } : {});
    }
  }
}
