import { normalizePhone, type PhoneResult } from '../contacts/phone.js';

// Countries of the North American Numbering Plan: a number's validity there depends only on its area
// code and exchange (the first six national digits), so one parse answers for every number sharing them.
const NANP = new Set(['US', 'CA', 'AG', 'AI', 'AS', 'BB', 'BM', 'BS', 'DM', 'DO', 'GD', 'GU', 'JM', 'KN', 'KY', 'LC', 'MP', 'MS', 'PR', 'SX', 'TC', 'TT', 'VC', 'VG', 'VI']);
const PLAIN = /^\+?[\d\s().-]+$/;
const MAX_ENTRIES = 200_000;

export type PhoneNormaliser = (raw: string, defaultRegion: string) => PhoneResult;

/**
 * The contact rules' `normalizePhone`, memoised on the NANP area code and exchange. libphonenumber
 * parses about 29k numbers a second per core; a million-row import would spend half a minute there.
 * Anything that is not a plain NANP number goes to the full parse.
 */
export function memoisedPhoneNormaliser(normalise: PhoneNormaliser = normalizePhone): PhoneNormaliser {
  const validByPrefix = new Map<string, boolean>();
  return (raw, region) => {
    const national = nanpNational(raw, region);
    if (national === null) return normalise(raw, region);
    const key = (raw.trimStart().startsWith('+') ? '+' : region) + national.slice(0, 6);
    const known = validByPrefix.get(key);
    if (known === true) return { ok: true, e164: `+1${national}` };
    if (known === false) return normalise(raw, region);
    const result = normalise(raw, region);
    if (result.ok && result.e164 !== `+1${national}`) return result;
    if (validByPrefix.size >= MAX_ENTRIES) validByPrefix.clear();
    validByPrefix.set(key, result.ok);
    return result;
  };
}

/** The ten national digits of a plainly written NANP number, or null. */
function nanpNational(raw: string, region: string): string | null {
  const text = raw.trim();
  if (!PLAIN.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  let national: string | null = null;
  if (text.startsWith('+')) national = digits.length === 11 && digits[0] === '1' ? digits.slice(1) : null;
  else if (NANP.has(region)) national = digits.length === 10 ? digits : digits.length === 11 && digits[0] === '1' ? digits.slice(1) : null;
  return national && /^[2-9]\d{2}[2-9]/.test(national) ? national : null;
}
