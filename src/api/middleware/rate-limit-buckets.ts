import type { Config } from '../../config.js';

/** Seed 004's rate-limit classes; anything else falls under seed 002's 1000 requests per hour. */
export type RateBucket = 'sms' | 'bulk' | 'campaigns' | 'contacts' | 'default';

export interface BucketLimit {
  points: number;
  seconds: number;
  per: 'minute' | 'hour';
}

const SMS_SENDS = new Set(['/api/messaging/sms/send/', '/api/messaging/messages/']);

/** Seed 001: "Upload chunks: No limit" — a 1 GB file in 10 MB chunks must not exhaust a budget. */
export const UNLIMITED_PATHS = new Set(['/api/upload/chunk/', '/api/upload/chunk']);

/**
 * Which budget a request spends: the first class that claims it, most specific first. Contact and
 * campaign budgets count operations (writes); reading them (a page polling a campaign's progress)
 * spends the general budget instead.
 */
export function bucketFor(method: string, path: string): RateBucket {
  const post = method === 'POST';
  const write = method !== 'GET' && method !== 'HEAD';
  if (post && SMS_SENDS.has(path)) return 'sms';
  if (post && (path.includes('/bulk') || path === '/api/upload/init/')) return 'bulk';
  if (write && path.startsWith('/api/messaging/campaigns')) return 'campaigns';
  if (write && (path.startsWith('/api/messaging/contacts') || path.startsWith('/api/api/contacts'))) return 'contacts';
  return 'default';
}

export function bucketLimits(limits: Config['rateLimits']): Record<RateBucket, BucketLimit> {
  const perMinute = (points: number): BucketLimit => ({ points, seconds: 60, per: 'minute' });
  return {
    sms: perMinute(limits.smsPerMinute),
    bulk: perMinute(limits.bulkPerMinute),
    campaigns: perMinute(limits.campaignsPerMinute),
    contacts: perMinute(limits.contactsPerMinute),
    default: { points: limits.defaultPerHour, seconds: 3600, per: 'hour' },
  };
}
