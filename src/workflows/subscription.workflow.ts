import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createSubscriptionActivities } from '../activities/billing/subscriptions.activities.js';
import { periodEnd, trialMs, type PlanTerms } from '../domain/billing/plan-terms.js';
import { isFinalSubscriptionStatus, type SubscriptionStatus } from '../domain/billing/subscription-status.js';
import {
  changePlanSignal,
  paymentEventSignal,
  subscriptionStateQuery,
  type PaymentEventSignal,
  type SubscriptionLiveState,
} from './subscription/subscription-messages.js';

const act = proxyActivities<ReturnType<typeof createSubscriptionActivities>>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

const DAY_MS = 86_400_000;

/** How long a new subscription waits for its first payment before it expires. */
const AWAIT_FIRST_PAYMENT_MS = 7 * DAY_MS;
/** How long past the end of a period a renewal payment may arrive before the subscription halts. */
const RENEWAL_GRACE_MS = 3 * DAY_MS;
/** Billing periods per workflow run before continue-as-new keeps the history short. */
const PERIODS_PER_RUN = 12;
/** Event and payment ids remembered for de-duplication (the webhook de-duplicates first; this covers its retries). */
const REMEMBERED_IDS = 50;

interface CarriedState {
  cycle: number;
  paymentsThisPeriod: number;
  eventIds: string[];
  paymentIds: string[];
}

export interface SubscriptionWorkflowInput {
  subscriptionId: string;
  tenantId: number;
  plan: PlanTerms;
  /** Set by continue-as-new: the subscription is past its first payment and trial. */
  carried?: CarriedState;
}

/**
 * One subscription's life: pending until a payment webhook confirms it (or it expires), then the
 * plan's trial if it has one, then one billing period after another. From the second period on each
 * period needs a payment; without one the subscription is past due and, after a grace period, halted.
 * Payment events (a cancellation at the provider among them) and plan changes arrive as signals; every
 * status change is written through the shared transition table, so the webhook and the workflow never
 * undo each other.
 */
export async function subscriptionWorkflow(input: SubscriptionWorkflowInput): Promise<{ status: SubscriptionStatus; cycle: number }> {
  const id = { subscriptionId: input.subscriptionId };
  const carried = input.carried;
  const s = {
    status: (carried ? 'active' : input.plan.amount === 0 ? 'active' : 'pending') as SubscriptionStatus,
    plan: input.plan,
    confirmed: !!carried || input.plan.amount === 0,
    cancelReason: null as string | null,
    lastPaymentFailed: false,
    cycle: carried?.cycle ?? 0,
    paymentsThisPeriod: carried?.paymentsThisPeriod ?? 0,
    eventIds: carried?.eventIds ?? [],
    paymentIds: carried?.paymentIds ?? [],
    trialEndsAt: null as string | null,
    currentPeriodEnd: null as string | null,
  };

  setHandler(paymentEventSignal, (event) => onPaymentEvent(s, event));
  setHandler(changePlanSignal, (plan) => {
    s.plan = plan;
    if (plan.amount === 0) s.confirmed = true;
  });
  setHandler(subscriptionStateQuery, (): SubscriptionLiveState => ({
    status: s.status,
    planId: s.plan.planId,
    cycle: s.cycle,
    confirmed: s.confirmed,
    paymentsThisPeriod: s.paymentsThisPeriod,
    lastPaymentFailed: s.lastPaymentFailed,
    trialEndsAt: s.trialEndsAt,
    currentPeriodEnd: s.currentPeriodEnd,
  }));
  const cancelled = () => s.cancelReason !== null;

  if (!carried) {
    if (!s.confirmed) {
      const settled = await condition(() => s.confirmed || cancelled(), AWAIT_FIRST_PAYMENT_MS);
      if (cancelled()) return end('cancelled');
      if (!settled) return end('expired', 'no payment arrived');
    }
    // The confirming payment belongs to the first period, not to the renewal after it.
    s.paymentsThisPeriod = 0;
    if (s.plan.trialDays > 0) {
      const trialEnd = Date.now() + trialMs(s.plan);
      const trialEndsAt = new Date(trialEnd).toISOString();
      if (await settledAs(act.subscriptionStartTrial({ ...id, trialEndsAt }), 'trialing')) return done();
      s.trialEndsAt = trialEndsAt;
      if (await condition(cancelled, trialEnd - Date.now())) return end('cancelled');
    }
  }

  for (let n = 0; ; n++) {
    if (n >= PERIODS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      const next: CarriedState = { cycle: s.cycle, paymentsThisPeriod: s.paymentsThisPeriod, eventIds: s.eventIds, paymentIds: s.paymentIds };
      return continueAsNew<typeof subscriptionWorkflow>({ ...input, plan: s.plan, carried: next });
    }
    if (s.cycle > 0 && s.plan.amount > 0 && s.paymentsThisPeriod === 0) {
      if (await settledAs(act.subscriptionMove({ ...id, to: 'past_due' }), 'past_due')) return done();
      const paid = await condition(() => s.paymentsThisPeriod > 0 || cancelled(), RENEWAL_GRACE_MS);
      if (cancelled()) return end('cancelled');
      if (!paid) return end('halted', 'renewal payment not received');
    }
    s.cycle++;
    s.paymentsThisPeriod = 0;
    const start = Date.now();
    const finish = periodEnd(start, s.plan.period, s.plan.interval);
    const period = { ...id, cycle: s.cycle, start: new Date(start).toISOString(), end: new Date(finish).toISOString() };
    if (await settledAs(act.subscriptionStartPeriod(period), 'active')) return done();
    s.currentPeriodEnd = period.end;
    if (await condition(cancelled, finish - start)) return end('cancelled');
  }

  /** Records what the activity left; true when a webhook had already ended the subscription. */
  async function settledAs(move: Promise<{ status: SubscriptionStatus }>, hoped: SubscriptionStatus): Promise<boolean> {
    const { status } = await move;
    s.status = isFinalSubscriptionStatus(status) ? status : hoped;
    return isFinalSubscriptionStatus(status);
  }

  async function end(to: SubscriptionStatus, reason?: string) {
    const { status } = await act.subscriptionMove({ ...id, to, reason: reason ?? s.cancelReason ?? undefined });
    s.status = status;
    return done();
  }

  async function done() {
    await condition(allHandlersFinished);
    return { status: s.status, cycle: s.cycle };
  }
}

function onPaymentEvent(s: { eventIds: string[]; paymentIds: string[]; confirmed: boolean; paymentsThisPeriod: number; lastPaymentFailed: boolean; cancelReason: string | null }, e: PaymentEventSignal) {
  if (s.eventIds.includes(e.eventId)) return;
  remember(s.eventIds, e.eventId);
  if (e.kind === 'cancelled') s.cancelReason ??= 'cancelled at the payment provider';
  if (e.kind === 'failed') s.lastPaymentFailed = true;
  if (e.kind !== 'activated' && e.kind !== 'paid') return;
  s.confirmed = true;
  if (e.kind === 'activated' && !e.paymentId) return;
  const paymentId = e.paymentId ?? e.eventId;
  if (s.paymentIds.includes(paymentId)) return;
  remember(s.paymentIds, paymentId);
  s.paymentsThisPeriod++;
  s.lastPaymentFailed = false;
}

function remember(ids: string[], id: string) {
  ids.push(id);
  if (ids.length > REMEMBERED_IDS) ids.shift();
}
