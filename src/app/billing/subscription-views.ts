import { billingPlanView } from './plan-views.js';
import type { PlanRow } from '../../db/billing/plan-store.js';
import type { SubscriptionRow } from '../../db/billing/subscription-store.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Seed 001's subscription (Razorpay-like): `{id, plan_id, status, ...}`. */
export function razorpaySubscriptionView(s: SubscriptionRow, plan: PlanRow) {
  return {
    id: s.id,
    entity: 'subscription',
    plan_id: s.plan_id,
    plan_type: plan.plan_type,
    status: s.status,
    amount: Number(plan.amount),
    currency: plan.currency,
    cycle: s.cycle,
    current_start: iso(s.current_period_start),
    current_end: iso(s.current_period_end),
    trial_ends_at: iso(s.trial_ends_at),
    ended_at: iso(s.ended_at),
    created_at: iso(s.created_at),
  };
}

/** Seed 004's subscription details; `is_default` marks the free plan of a tenant that never subscribed. */
export function billingSubscriptionView(s: SubscriptionRow | null, plan: PlanRow) {
  return {
    id: s?.id ?? null,
    plan: billingPlanView(plan),
    plan_id: plan.id,
    status: s?.status ?? 'active',
    is_default: s === null,
    cycle: s?.cycle ?? 0,
    trial_ends_at: iso(s?.trial_ends_at ?? null),
    current_period_start: iso(s?.current_period_start ?? null),
    current_period_end: iso(s?.current_period_end ?? null),
    next_billing_date: s && Number(plan.amount) > 0 && (s.status === 'active' || s.status === 'trialing') ? iso(s.status === 'trialing' ? s.trial_ends_at : s.current_period_end) : null,
    cancel_reason: s?.cancel_reason ?? null,
    ended_at: iso(s?.ended_at ?? null),
    created_at: iso(s?.created_at ?? null),
  };
}
