import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../../domain/shared/errors.js';

export interface BudgetSpec {
  /** Key prefix in `rate_limits`; one per budget. */
  name: string;
  points: number;
  seconds: number;
  /** The 429's message; `{s}` becomes the seconds to wait. */
  refusal: string;
}

/**
 * A budget of attempts per key over a window, counted in PostgreSQL's `rate_limits` (so every API replica
 * spends the same budget), with an in-memory stand-in while the database is unreachable.
 */
export class AttemptBudget {
  private readonly limiter: RateLimiterPostgres;

  constructor(pool: pg.Pool, private readonly spec: BudgetSpec) {
    const { name: keyPrefix, points, seconds: duration } = spec;
    this.limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
  }

  /** Spends one attempt for `key`, or refuses with RATE_LIMITED and the seconds to wait. */
  async spend(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new DomainError('RATE_LIMITED', this.spec.refusal.replace('{s}', String(retryAfter)), undefined, { retry_after: retryAfter });
    }
  }

  /** Gives back an attempt that turned out not to count (a successful sign-in). */
  async refund(key: string): Promise<void> {
    await this.limiter.reward(key, 1);
  }
}

/** Spends from both budgets, or from neither: a refusal by the second gives the first its attempt back. */
export async function spendBoth(first: AttemptBudget, firstKey: string, second: AttemptBudget, secondKey: string): Promise<void> {
  await first.spend(firstKey);
  try {
    await second.spend(secondKey);
  } catch (err) {
    await first.refund(firstKey);
    throw err;
  }
}
