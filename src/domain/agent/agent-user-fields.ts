import { z } from 'zod';
import { TIERS } from './tiers.js';

/** E.164 by shape alone, as seed 002's own examples (+1234567890) are not real numbers. */
export const E164 = /^\+[1-9]\d{6,14}$/;

export const phoneNumberField = z.string().trim().regex(E164, 'Enter the number in E.164 form, e.g. +14155550123.');
export const tierField = z.enum(TIERS, { error: `Must be one of: ${TIERS.join(', ')}` });

function isIanaTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timezoneField = z.string().trim().min(1).max(64).refine(isIanaTimezone, 'Must be an IANA time zone, e.g. America/New_York.');
export const preferencesField = z.record(z.string(), z.unknown());

/**
 * A phone number from a URL path: percent-decoded already, but a bare `+` may have arrived as a space
 * from clients that form-encode paths, and some send the digits without it.
 */
export function phoneFromPath(raw: string): string {
  const s = raw.replace(/^ /, '+').trim();
  return /^\d+$/.test(s) ? `+${s}` : s;
}
