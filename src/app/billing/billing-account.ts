import type pg from 'pg';
import { findPlan, findPlanById, FREE_PLAN_TYPE, planLimits, type PlanRow } from '../../db/billing/plan-store.js';
import { billingSubscriptionView } from './subscription-views.js';
import { findLiveSubscription, type SubscriptionRow } from '../../db/billing/subscription-store.js';
import { calendarMonth, usageFor, type Usage } from '../../db/billing/usage.js';

/** The tenant's live subscription and its plan, or no subscription and the free plan. */
export async function currentPlan(pool: pg.Pool, tenantId: number): Promise<{ subscription: SubscriptionRow | null; plan: PlanRow }> {
  const subscription = await findLiveSubscription(pool, tenantId);
  const plan = subscription ? await findPlanById(pool, subscription.plan_id) : await findPlan(pool, { type: FREE_PLAN_TYPE });
  if (!plan) throw new Error('billing_plans has no free plan: the ChannelsBilling migration seeds one');
  return { subscription, plan };
}

/** Usage over the subscription's current period, or the calendar month when there is none yet. */
export async function currentUsage(pool: pg.Pool, tenantId: number, subscription: SubscriptionRow | null, now = new Date()): Promise<Usage> {
  const period =
    subscription?.current_period_start && subscription.current_period_end && subscription.current_period_end > now
      ? { start: subscription.current_period_start, end: subscription.current_period_end }
      : calendarMonth(now);
  return usageFor(pool, tenantId, period);
}

/** Seed 004's billing overview: plan, subscription, usage against the plan's limits, next billing date. */
export async function billingOverview(pool: pg.Pool, tenantId: number) {
  const { subscription, plan } = await currentPlan(pool, tenantId);
  const usage = await currentUsage(pool, tenantId, subscription);
  const limits = planLimits(plan);
  const view = billingSubscriptionView(subscription, plan);
  const percent = (used: number, limit: number | null) => (limit === null ? null : limit === 0 ? 100 : Math.round((used / limit) * 10_000) / 100);
  const usagePercentages = {
    messages: percent(usage.messages_sent, limits.messages_per_period),
    contacts: percent(usage.contacts, limits.contacts),
    channels: percent(usage.channels, limits.channels),
    numbers_generated: percent(usage.numbers_generated, limits.numbers_generated),
  };
  return {
    plan: view.plan,
    subscription: view,
    usage,
    limits,
    usage_percentages: usagePercentages,
    over_limit: Object.values(usagePercentages).some((p) => p !== null && p > 100),
    next_billing_date: view.next_billing_date,
  };
}
