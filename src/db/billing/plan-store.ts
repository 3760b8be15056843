import type { PlanPeriod, PlanTerms } from '../../domain/billing/plan-terms.js';
import type { Queryable } from '../queryable.js';

/** Plan limits; null is unlimited. */
export interface PlanLimits {
  messages_per_period: number | null;
  contacts: number | null;
  channels: number | null;
  numbers_generated: number | null;
}

export interface PlanRow {
  id: string;
  plan_type: string;
  name: string;
  description: string;
  amount: string | number;
  currency: string;
  period: PlanPeriod;
  period_interval: number;
  trial_days: number;
  limits: Partial<PlanLimits>;
  features: string[];
  is_active: boolean;
  sort_order: number;
}

export const FREE_PLAN_TYPE = 'free';

export async function listPlans(db: Queryable): Promise<PlanRow[]> {
  const { rows } = await db.query<PlanRow>(`select * from billing_plans where is_active order by sort_order, id`);
  return rows;
}

/** An active plan by id or by type (`pro`); both given must name the same plan. */
export async function findPlan(db: Queryable, by: { id?: string; type?: string }): Promise<PlanRow | null> {
  const { rows } = await db.query<PlanRow>(
    `select * from billing_plans where is_active and ($1::text is null or id = $1) and ($2::text is null or plan_type = lower($2))`,
    [by.id ?? null, by.type ?? null],
  );
  return rows[0] ?? null;
}

export async function findPlanById(db: Queryable, id: string): Promise<PlanRow | null> {
  const { rows } = await db.query<PlanRow>(`select * from billing_plans where id = $1`, [id]);
  return rows[0] ?? null;
}

export function planTerms(plan: PlanRow): PlanTerms {
  return {
    planId: plan.id,
    planType: plan.plan_type,
    amount: Number(plan.amount),
    currency: plan.currency,
    period: plan.period,
    interval: plan.period_interval,
    trialDays: plan.trial_days,
  };
}

export function planLimits(plan: PlanRow): PlanLimits {
  const l = plan.limits;
  return { messages_per_period: l.messages_per_period ?? null, contacts: l.contacts ?? null, channels: l.channels ?? null, numbers_generated: l.numbers_generated ?? null };
}
