import { z } from 'zod';
import { mifumoEnvelope } from '../../http/envelope-schemas.js';
import { nullableDateTime } from '../../http/common-schemas.js';

/** Seed 001's Razorpay-shaped payments and seed 004's billing, as plan-views.ts and subscription-views.ts shape them. */
const int = z.number().int();
const limit = int.nullable();
const limits = z.object({ messages_per_period: limit, contacts: limit, channels: limit, numbers_generated: limit });

const razorpayPlan = z.object({
  id: z.string(),
  entity: z.literal('plan'),
  amount: z.number(),
  currency: z.string(),
  item: z.object({ name: z.string(), description: z.string(), amount: z.number(), currency: z.string() }),
  period: z.string(),
  interval: int,
  plan_type: z.string(),
  trial_days: int,
});

const razorpaySubscription = z.object({
  id: z.string(),
  entity: z.literal('subscription'),
  plan_id: z.string(),
  plan_type: z.string(),
  status: z.string(),
  amount: z.number(),
  currency: z.string(),
  cycle: int,
  current_start: nullableDateTime,
  current_end: nullableDateTime,
  trial_ends_at: nullableDateTime,
  ended_at: nullableDateTime,
  created_at: nullableDateTime,
});

const billingPlan = z.object({
  id: z.string(),
  name: z.string(),
  plan_type: z.string(),
  description: z.string(),
  price: z.number(),
  amount: z.number(),
  currency: z.string(),
  billing_cycle: z.string(),
  interval: int,
  trial_days: int,
  is_free: z.boolean(),
  features: z.array(z.string()),
  limits,
});

const billingSubscription = z.object({
  id: z.string().nullable(),
  plan: billingPlan,
  plan_id: z.string(),
  status: z.string(),
  is_default: z.boolean(),
  cycle: int,
  trial_ends_at: nullableDateTime,
  current_period_start: nullableDateTime,
  current_period_end: nullableDateTime,
  next_billing_date: nullableDateTime,
  cancel_reason: z.string().nullable(),
  ended_at: nullableDateTime,
  created_at: nullableDateTime,
});

const usage = z.object({
  period_start: z.string(),
  period_end: z.string(),
  messages_sent: int,
  messages_received: int,
  segments: int,
  cost: z.number(),
  currency: z.string(),
  numbers_generated: int,
  contacts: int,
  channels: int,
});

export const paymentResponses = {
  plans: z.object({ success: z.literal(true), plans: z.array(razorpayPlan) }),
  subscribed: z.object({ success: z.literal(true), subscription: razorpaySubscription, subscription_id: z.string() }),
  webhook: z.object({
    success: z.literal(true),
    status: z.string().meta({ description: 'applied, duplicate, ignored …' }),
    event: z.string().nullable(),
    subscription_id: z.string().nullable(),
    subscription_status: z.string().nullable(),
    reason: z.string().optional(),
  }),
};

export const billingResponses = {
  plans: mifumoEnvelope(z.array(billingPlan)),
  subscription: mifumoEnvelope(billingSubscription),
  usage: mifumoEnvelope(usage.extend({ limits })),
  overview: mifumoEnvelope(
    z.object({
      plan: billingPlan,
      subscription: billingSubscription,
      usage,
      limits,
      usage_percentages: z.record(z.string(), z.number().nullable()),
      over_limit: z.boolean(),
      next_billing_date: nullableDateTime,
    }),
  ),
};
