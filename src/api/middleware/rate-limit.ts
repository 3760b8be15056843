import type { Middleware } from 'koa';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { AppState } from '../http/context.js';
import { bucketFor, bucketLimits, UNLIMITED_PATHS, type RateBucket } from './rate-limit-buckets.js';

/**
 * Per-user request budgets (SMS sending, contacts, campaigns, bulk operations, everything else), counted
 * in PostgreSQL's `rate_limits` table like the login limiter so every API replica spends the same
 * budget; an in-memory limiter stands in while the database is unreachable. Every authenticated answer
 * carries X-RateLimit-Limit / -Remaining / -Reset (epoch seconds); over budget is a 429 with
 * Retry-After. Anonymous requests (login, webhooks) are left to their own guards.
 */
export function rateLimit(pool: pg.Pool, limits: Config['rateLimits']): Middleware<AppState> {
  const budgets = bucketLimits(limits);
  const limiters = Object.fromEntries(
    Object.entries(budgets).map(([bucket, b]) => {
      const keyPrefix = `api_${bucket}`;
      const insuranceLimiter = new RateLimiterMemory({ keyPrefix, points: b.points, duration: b.seconds });
      return [bucket, new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, keyPrefix, points: b.points, duration: b.seconds, insuranceLimiter })];
    }),
  ) as Record<RateBucket, RateLimiterPostgres>;

  return async (ctx, next) => {
    const principal = ctx.state.principal;
    if (!principal || ctx.method === 'OPTIONS' || UNLIMITED_PATHS.has(ctx.path)) return next();
    const bucket = bucketFor(ctx.method, ctx.path);
    const budget = budgets[bucket];
    const headers = (remaining: number, msBeforeNext: number) => {
      ctx.set('X-RateLimit-Limit', String(budget.points));
      ctx.set('X-RateLimit-Remaining', String(Math.max(0, remaining)));
      ctx.set('X-RateLimit-Reset', String(Math.ceil((Date.now() + msBeforeNext) / 1000)));
    };
    try {
      const spent = await limiters[bucket].consume(`u${principal.userId}`);
      headers(spent.remainingPoints, spent.msBeforeNext);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      headers(0, err.msBeforeNext);
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new DomainError('RATE_LIMITED', `You have exceeded the rate limit of ${budget.points} requests per ${budget.per}`, undefined, { retry_after: retryAfter, limit: budget.points, bucket });
    }
    await next();
  };
}
