import { planLimits, type PlanRow } from '../../db/billing/plan-store.js';

/** Seed 001's Razorpay-shaped plan: `{id, amount, currency, item: {name, description, amount, currency}, period, interval, plan_type}`. */
export function razorpayPlanView(plan: PlanRow) {
  const amount = Number(plan.amount);
  return {
    id: plan.id,
    entity: 'plan',
    amount,
    currency: plan.currency,
    item: { name: plan.name, description: plan.description, amount, currency: plan.currency },
    period: plan.period,
    interval: plan.period_interval,
    plan_type: plan.plan_type,
    trial_days: plan.trial_days,
  };
}

/** Seed 004's plan: prices in major units next to the smallest-unit amount, with limits and features. */
export function billingPlanView(plan: PlanRow) {
  const amount = Number(plan.amount);
  return {
    id: plan.id,
    name: plan.name,
    plan_type: plan.plan_type,
    description: plan.description,
    price: amount / 100,
    amount,
    currency: plan.currency,
    billing_cycle: plan.period,
    interval: plan.period_interval,
    trial_days: plan.trial_days,
    is_free: amount === 0,
    features: plan.features,
    limits: planLimits(plan),
  };
}
