/** Seed 002's service tiers and their monthly request allowance (null: unlimited). */
export const TIERS = ['free', 'premium', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

const MONTHLY_LIMITS: Record<Tier, number | null> = { free: 10, premium: 100, enterprise: null };

/** Whether one more request fits in the month, given the requests already made this month. */
export function withinMonthlyLimit(tier: Tier, usedThisMonth: number): boolean {
  const limit = MONTHLY_LIMITS[tier];
  return limit === null || usedThisMonth < limit;
}

/** The SMS sent instead of an answer once the month's allowance is spent. */
export function overLimitReply(tier: Tier): string {
  const limit = MONTHLY_LIMITS[tier];
  return `Thanks for your message! You have used all ${limit} requests included in your ${tier} plan this month. ` +
    'Your allowance renews on the 1st; upgrade your plan for more requests.';
}

/** When the monthly counter starts again: the first instant of the next month, UTC. */
export function monthlyReset(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

/** Ranks tiers so a change can be told an upgrade or a downgrade. */
export const tierRank = (tier: Tier) => TIERS.indexOf(tier);
