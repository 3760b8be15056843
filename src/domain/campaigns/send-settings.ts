import type { TenantSettings } from '../tenancy/settings.js';

/**
 * The tenant settings a campaign send reads before every batch, so an operator can change them while a
 * campaign runs. Keys (tenants.settings, flat scalars):
 * - `messages_per_second`: the tenant's send rate over all its campaigns; 0 turns throttling off.
 * - `quiet_hours_start` / `quiet_hours_end`: "HH:MM" in the recipient's local time; both needed.
 * - `timezone`: the tenant's default IANA zone, for numbers whose zone the area-code table does not give.
 */
export interface SendSettings {
  messagesPerSecond: number;
  quietHours: QuietHours | null;
  defaultTimeZone: string;
}

/** Minutes after local midnight; `start > end` wraps midnight (21:00–08:00). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

const DEFAULT_MESSAGES_PER_SECOND = 10;
const MAX_MESSAGES_PER_SECOND = 10_000;

export function sendSettingsFrom(settings: TenantSettings | null | undefined): SendSettings {
  const s = settings ?? {};
  return {
    messagesPerSecond: rate(s.messages_per_second),
    quietHours: quietHours(s.quiet_hours_start, s.quiet_hours_end),
    defaultTimeZone: isTimeZone(s.timezone) ? s.timezone : 'UTC',
  };
}

function rate(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return DEFAULT_MESSAGES_PER_SECOND;
  return Math.min(n, MAX_MESSAGES_PER_SECOND);
}

function parseClock(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function quietHours(start: unknown, end: unknown): QuietHours | null {
  const startMinute = parseClock(start);
  const endMinute = parseClock(end);
  if (startMinute === null || endMinute === null || startMinute === endMinute) return null;
  return { startMinute, endMinute };
}

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !value) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
