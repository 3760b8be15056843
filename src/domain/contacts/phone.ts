import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneResult = { ok: true; e164: string } | { ok: false; error: string };

/**
 * A phone number as E.164. Numbers written without a country code ("(415) 555-2671", "0712 345 678")
 * are read in the tenant's default region; a number must be valid for its country, not just possible.
 */
export function normalizePhone(raw: string, defaultRegion: string): PhoneResult {
  const text = raw.trim();
  if (!/\d/.test(text) || text.length > 40) return { ok: false, error: invalid(raw) };
  const parsed = parsePhoneNumberFromString(text, defaultRegion as CountryCode);
  if (!parsed?.isValid()) return { ok: false, error: invalid(raw) };
  return { ok: true, e164: parsed.number };
}

const invalid = (raw: string) => `Invalid E.164 format: "${raw.slice(0, 40)}" is not a valid phone number (e.g. +14155552671).`;
