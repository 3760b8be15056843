import type pg from 'pg';
import { withTenant } from '../../db/tenant-scope.js';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TemporalHandle } from '../../temporal/client.js';
import { paymentEventSignal } from '../../workflows/subscription/subscription-messages.js';
import { inTransaction } from '../../db/transaction.js';
import { decidePaymentEvent, type PaymentEffect } from '../../domain/billing/payment-decision.js';
import { parsePaymentEvent, type ParsedPaymentEvent, type RazorpayEvent } from '../../domain/billing/payment-events.js';
import { paymentWebhookTenant } from '../../db/billing/payment-tenant.js';
import { moveSubscription, type SubscriptionRow } from '../../db/billing/subscription-store.js';
import type { SubscriptionStatus } from '../../domain/billing/subscription-status.js';

export interface WebhookOutcome {
  outcome: 'processed' | 'duplicate' | 'ignored' | 'refused';
  event: string;
  subscription_id: string | null;
  status: SubscriptionStatus | null;
  /** Why an event changed nothing. */
  reason?: string;
}

/** A verified delivery; `eventId` identifies what the signature covers (the body), never an unsigned header. */
export interface PaymentDelivery {
  eventId: string;
  body: RazorpayEvent;
}

/**
 * One verified payment webhook: its tenant is found first (the only cross-tenant read), then everything
 * else happens for that tenant alone. An event naming no known subscription is acknowledged and ignored.
 */
export async function receivePaymentWebhook(pool: pg.Pool, temporal: TemporalHandle, delivery: PaymentDelivery): Promise<WebhookOutcome> {
  const parsed = parsePaymentEvent(delivery.body);
  const tenantId = await paymentWebhookTenant(pool, parsed);
  if (tenantId === null) return { outcome: 'ignored', event: parsed.event, subscription_id: null, status: null, reason: 'The event names no known subscription.' };
  return withTenant(tenantId, () => applyTenantPaymentEvent(pool, temporal, tenantId, delivery, parsed));
}

/**
 * Applies a delivery once, in one transaction: the event row (once per signed body), the payment's
 * effect (once per payment id), the subscription's move and the workflow's signal. The signal goes out
 * before commit, so a failed signal rolls the delivery back for the provider to retry.
 */
async function applyTenantPaymentEvent(pool: pg.Pool, temporal: TemporalHandle, tenantId: number, delivery: PaymentDelivery, parsed: ParsedPaymentEvent): Promise<WebhookOutcome> {
  return inTransaction(pool, async (c) => {
    const sub = await lockSubscription(c, tenantId, parsed);
    const base = { event: parsed.event, subscription_id: sub?.id ?? null };
    const recorded = await c.query(
      `insert into payment_events (event_id, event, subscription_id, tenant_id, payment_id, outcome, payload)
       values ($1, $2, $3, $4, $5, 'received', $6) on conflict (event_id) do nothing returning event_id`,
      [delivery.eventId, parsed.event, sub?.id ?? null, tenantId, parsed.paymentId, JSON.stringify(delivery.body)],
    );
    if (!recorded.rows[0]) return { ...base, outcome: 'duplicate', status: sub?.status ?? null, reason: 'This event was already received.' };
    if (!sub) return settle(c, delivery.eventId, { ...base, outcome: 'ignored', status: null, reason: 'The event names no known subscription.' });

    const decision = decidePaymentEvent(parsed, { amount: Number(sub.amount), currency: sub.currency }, await effectsOf(c, tenantId, parsed.paymentId));
    if (decision.outcome !== 'apply') return settle(c, delivery.eventId, { ...base, outcome: decision.outcome, status: sub.status, reason: decision.reason });
    if (decision.effect && !(await recordEffect(c, sub, parsed.paymentId!, decision.effect, delivery.eventId))) {
      return settle(c, delivery.eventId, { ...base, outcome: 'duplicate', status: sub.status, reason: `Payment ${parsed.paymentId} was already applied.` });
    }
    const { status } = await applyEvent(c, sub, parsed);
    await temporal.client.workflow
      .getHandle(sub.workflow_id)
      .signal(paymentEventSignal, { eventId: delivery.eventId, kind: parsed.kind!, paymentId: parsed.paymentId })
      .catch((err) => {
        // The lifecycle is over (cancelled, halted, expired): the row is all there is to update.
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      });
    return settle(c, delivery.eventId, { ...base, outcome: 'processed', status });
  });
}

async function settle(c: pg.PoolClient, eventId: string, outcome: WebhookOutcome): Promise<WebhookOutcome> {
  await c.query(`update payment_events set outcome = $2 where event_id = $1`, [eventId, outcome.outcome]);
  return outcome;
}

type LockedSubscription = SubscriptionRow & { trial_days: number; amount: string; currency: string };

/** The event's subscription, else the one its payment was applied to, locked so events of one subscription run one at a time. */
async function lockSubscription(c: pg.PoolClient, tenantId: number, e: ParsedPaymentEvent): Promise<LockedSubscription | null> {
  const { rows } = await c.query<LockedSubscription>(
    `select s.*, p.trial_days, p.amount, p.currency from subscriptions s join billing_plans p on p.id = s.plan_id
      where s.tenant_id = $1 and s.id = coalesce($2, (select subscription_id from payment_applications where tenant_id = $1 and payment_id = $3 limit 1))
      for update of s`,
    [tenantId, e.subscriptionId, e.paymentId],
  );
  return rows[0] ?? null;
}

async function effectsOf(c: pg.PoolClient, tenantId: number, paymentId: string | null): Promise<Set<PaymentEffect>> {
  if (!paymentId) return new Set();
  const { rows } = await c.query<{ effect: PaymentEffect }>(`select effect from payment_applications where tenant_id = $1 and payment_id = $2`, [tenantId, paymentId]);
  return new Set(rows.map((r) => r.effect));
}

/** False when the payment already had this effect anywhere (the key is global, so one payment never counts for two tenants). */
async function recordEffect(c: pg.PoolClient, sub: LockedSubscription, paymentId: string, effect: PaymentEffect, eventId: string): Promise<boolean> {
  const { rowCount } = await c.query(
    `insert into payment_applications (payment_id, effect, tenant_id, subscription_id, event_id) values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [paymentId, effect, sub.tenant_id, sub.id, eventId],
  );
  return rowCount === 1;
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
