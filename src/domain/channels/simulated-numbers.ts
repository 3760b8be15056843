import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { simulatedNanpNumber } from './simulated-nanp-number.js';

const ATTEMPTS = 50;
const USABLE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'FIXED_LINE']);

/**
 * A +1 number follows seed 000's NANP rules (simulatedNanpNumber). Elsewhere, a number that passes
 * libphonenumber's full validation for the country: the country's example
 * mobile number with its leading digits (area or operator prefix) kept and the rest drawn at random,
 * redrawn until the result is valid. Null when the metadata has no example for the country.
 */
export function simulatedNumber(isoCountry: CountryCode, random: () => number): string | null {
  const example = getExampleNumber(isoCountry, examples);
  if (!example) return null;
  const national = String(example.nationalNumber);
  if (example.countryCallingCode === '1') return simulatedNanpNumber(isoCountry, national.slice(0, 3), random) ?? example.number;
  const keep = Math.max(1, Math.ceil(national.length * 0.3));
  for (let i = 0; i < ATTEMPTS; i++) {
    let digits = national.slice(0, keep);
    while (digits.length < national.length) digits += String(Math.floor(random() * 10));
    const candidate = parsePhoneNumberFromString(digits, isoCountry);
    if (candidate?.isValid() && USABLE_TYPES.has(candidate.getType() ?? '') && candidate.country === isoCountry) return candidate.number;
  }
  return example.number;
}

/** A small seeded generator (mulberry32) for repeatable simulated numbers. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353) ^ (h >>> 19);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
