import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneResult = { ok: true; e164: string } | { ok: false; error: string };

/**
 * A phone number as E.164. Numbers written without a country code ("(415) 555-2671", "0712 345 678")
 * are read in the tenant's default region; a number must be valid for its country, not just possible.
 */
export function normalizePhone(raw: string, defaultRegion: string): PhoneResult {
  const text = raw.trim();
  if (!/\d/.test(text) || text.length > 40) return { ok: false, error: invalid(raw) };
  const nanp = nanpDigits(text, defaultRegion);
  if (nanp) {
    const known = nanpValidity.get(nanp.slice(0, 6));
    if (known !== undefined) return known ? { ok: true, e164: `+1${nanp}` } : { ok: false, error: invalid(raw) };
  }
  const parsed = parsePhoneNumberFromString(text, defaultRegion as CountryCode);
  const valid = parsed?.isValid() ?? false;
  if (nanp && parsed?.countryCallingCode === '1' && nanpValidity.size < MAX_MEMO) nanpValidity.set(nanp.slice(0, 6), valid);
  if (!parsed || !valid) return { ok: false, error: invalid(raw) };
  return { ok: true, e164: parsed.number };
}

// A North American number's validity depends only on its area code and exchange (the first six
// national digits), so imports of millions of NANP numbers parse each exchange once.
const nanpValidity = new Map<string, boolean>();
const MAX_MEMO = 200_000;
const NANP_HOME = new Set(['US', 'CA']);

/** The ten national digits of a plainly written NANP number (+1 415 555 2671, (415) 555-2671 in US/CA), else null. */
function nanpDigits(text: string, region: string): string | null {
  if (/[^\d\s().+-]/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) return digits.length === 11 && /^1[2-9]/.test(digits) ? digits.slice(1) : null;
  if (!NANP_HOME.has(region)) return null;
  if (digits.length === 10) return /^[2-9]/.test(digits) ? digits : null;
  return digits.length === 11 && /^1[2-9]/.test(digits) ? digits.slice(1) : null;
}

const invalid = (raw: string) => `Invalid E.164 format: "${raw.slice(0, 40)}" is not a valid phone number (e.g. +14155552671).`;
