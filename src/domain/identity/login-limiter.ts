import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../shared/errors.js';

const HOUR = 3600;

/**
 * Seed 001's "5 login attempts per hour per IP". Counters live in PostgreSQL (`rate_limits`) so every
 * API replica spends the same budget; an in-memory limiter stands in while the database is unreachable.
 */
export class LoginLimiter {
  private readonly limiter: RateLimiterPostgres;

  constructor(pool: pg.Pool, attemptsPerHour: number) {
    this.limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: 'login',
      points: attemptsPerHour,
      duration: HOUR,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'login', points: attemptsPerHour, duration: HOUR }),
    });
  }

  /** Spends one attempt for `clientIp`, or refuses with RATE_LIMITED and the seconds to wait. */
  async attempt(clientIp: string): Promise<void> {
    try {
      await this.limiter.consume(clientIp);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new DomainError('RATE_LIMITED', `Too many login attempts. Try again in ${retryAfter} seconds.`, undefined, { retry_after: retryAfter });
    }
  }
}
