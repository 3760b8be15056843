import type { Middleware } from 'koa';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { AppContext, AppState } from '../http/context.js';
import { bucketFor, bucketLimits, UNLIMITED_PATHS, type BucketLimit, type RateBucket } from './rate-limit-buckets.js';

export interface RateLimits {
  /** After authentication: every authenticated request spends its user's budget for the request's bucket. */
  perUser: Middleware<AppState>;
  /** Before authentication: every 401 answer spends its source address's anonymous budget. */
  unauthenticated: Middleware<AppState>;
}

/**
 * Request budgets (seed 004's SMS, contacts, campaigns and bulk classes, seed 002's hourly default),
 * counted in PostgreSQL's `rate_limits` table like the login limiter so every API replica spends the
 * same budget; an in-memory limiter stands in while the database is unreachable. Every authenticated
 * answer and every 401 carries X-RateLimit-Limit / -Remaining / -Reset (epoch seconds); over budget is
 * a 429 with Retry-After. A 401 is counted per source address, so guessing credentials is bounded too;
 * other anonymous requests (sign-in, webhooks, health) are left to their own guards.
 */
export function rateLimits(pool: pg.Pool, limits: Config['rateLimits']): RateLimits {
  const budgets = { ...bucketLimits(limits), anonymous: { points: limits.anonymousPerHour, seconds: 3600, per: 'hour' } } satisfies Record<RateBucket | 'anonymous', BucketLimit>;
  const limiters = Object.fromEntries(
    Object.entries(budgets).map(([bucket, b]) => {
      const keyPrefix = `api_${bucket}`;
      const insuranceLimiter = new RateLimiterMemory({ keyPrefix, points: b.points, duration: b.seconds });
      return [bucket, new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, keyPrefix, points: b.points, duration: b.seconds, insuranceLimiter })];
    }),
  ) as Record<keyof typeof budgets, RateLimiterPostgres>;

  const spend = async (ctx: AppContext, bucket: keyof typeof budgets, key: string) => {
    const budget = budgets[bucket];
    const headers = (remaining: number, msBeforeNext: number) => {
      ctx.set('X-RateLimit-Limit', String(budget.points));
      ctx.set('X-RateLimit-Remaining', String(Math.max(0, remaining)));
      ctx.set('X-RateLimit-Reset', String(Math.ceil((Date.now() + msBeforeNext) / 1000)));
    };
    try {
      const spent = await limiters[bucket].consume(key);
      headers(spent.remainingPoints, spent.msBeforeNext);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      headers(0, err.msBeforeNext);
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new DomainError('RATE_LIMITED', `You have exceeded the rate limit of ${budget.points} requests per ${budget.per}`, undefined, { retry_after: retryAfter, limit: budget.points, bucket });
    }
  };

  return {
    perUser: async (ctx, next) => {
      const principal = ctx.state.principal;
      if (!principal || ctx.method === 'OPTIONS' || UNLIMITED_PATHS.has(ctx.path)) return next();
      await spend(ctx, bucketFor(ctx.method, ctx.path), `u${principal.userId}`);
      await next();
    },
    unauthenticated: async (ctx, next) => {
      // A 401 that already spent a user's budget (a wrong current password) is not counted twice.
      const countOnce = () => (ctx.response.get('X-RateLimit-Limit') ? undefined : spend(ctx, 'anonymous', `a${ctx.ip}`));
      try {
        await next();
      } catch (err) {
        if (statusOf(err) === 401) await countOnce();
        throw err;
      }
      if (ctx.status === 401) await countOnce();
    },
  };
}

function statusOf(err: unknown): number | undefined {
  if (err instanceof DomainError) return err.code === 'UNAUTHENTICATED' ? 401 : undefined;
  const e = err as { status?: number; statusCode?: number } | null;
  return e?.status ?? e?.statusCode;
}
