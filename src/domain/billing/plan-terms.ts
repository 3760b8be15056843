/** What the subscription workflow needs to know of a plan; plain JSON, pure helpers (the workflow imports this). */
const PLAN_PERIODS = ['daily', 'weekly', 'monthly', 'yearly'] as const;
export type PlanPeriod = (typeof PLAN_PERIODS)[number];

export interface PlanTerms {
  planId: string;
  planType: string;
  /** In the currency's smallest unit (paise, cents); 0 for a free plan. */
  amount: number;
  currency: string;
  period: PlanPeriod;
  interval: number;
  trialDays: number;
}

const DAY_MS = 86_400_000;

export const trialMs = (terms: Pick<PlanTerms, 'trialDays'>) => terms.trialDays * DAY_MS;

/** The end of a billing period that starts at `startMs`: calendar months (clamped to the month's last day), not 30-day blocks. */
export function periodEnd(startMs: number, period: PlanPeriod, interval: number): number {
  if (period === 'daily') return startMs + interval * DAY_MS;
  if (period === 'weekly') return startMs + interval * 7 * DAY_MS;
  const months = period === 'monthly' ? interval : interval * 12;
  const start = new Date(startMs);
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return target.getTime();
}
