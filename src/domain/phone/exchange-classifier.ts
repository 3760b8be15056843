import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import { isN11, nanpParts } from './nanp.js';

/** What libphonenumber says about every number of one NPA-NXX. */
export interface ExchangeClass {
  valid: boolean;
  type: NumberType | undefined;
  country: string | undefined;
  /**
   * True when every line number of the exchange shares the answer, so the first six national digits
   * decide it. US and Canadian exchanges always do (NANP assigns them whole); a few Caribbean ones
   * split mobile and fixed ranges inside an exchange and are answered number by number.
   */
  uniform: boolean;
}

interface NumberClass {
  valid: boolean;
  type: NumberType | undefined;
  country: string | undefined;
}

const WHOLE_EXCHANGE_COUNTRIES = new Set(['US', 'CA']);
/** Both ends of every thousands-block, plus a few from inside. */
const UNIFORMITY_SAMPLES = [
  ...Array.from({ length: 10 }, (_, k) => [k * 1000, k * 1000 + 999]).flat(),
  150, 1234, 4321, 5678, 8765,
];

function classifyNumber(e164: string): NumberClass {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid()) return { valid: false, type: undefined, country: parsed?.country };
  return { valid: true, type: parsed.getType(), country: parsed.country };
}

const memo = new Map<number, ExchangeClass>();

/** Classifies an exchange once per process; parsing is the slow part of validation, this makes it rare. */
export function classifyExchange(npa: number, nxx: number): ExchangeClass {
  const key = npa * 1000 + nxx;
  let found = memo.get(key);
  if (!found) {
    found = computeExchange(npa, nxx);
    memo.set(key, found);
  }
  return found;
}

function computeExchange(npa: number, nxx: number): ExchangeClass {
  if (npa < 200 || nxx < 200 || isN11(nxx) || isN11(npa)) return { valid: false, type: undefined, country: undefined, uniform: true };
  const at = (line: number) => classifyNumber(`+1${npa}${nxx}${String(line).padStart(4, '0')}`);
  const first = at(1234);
  // An exchange whose sample is invalid is never generated in; its numbers are judged one by one.
  if (!first.valid) return { ...first, uniform: false };
  if (WHOLE_EXCHANGE_COUNTRIES.has(first.country ?? '')) return { ...first, uniform: true };
  const samples = UNIFORMITY_SAMPLES.map(at);
  const uniform = samples.every((s) => s.valid === first.valid && s.type === first.type && s.country === first.country);
  return { ...first, uniform };
}

/** Any number: NANP numbers through the exchange memo, others (and split exchanges) parsed directly. */
export function classifyAny(number: string): NumberClass {
  const parts = nanpParts(number);
  if (parts) {
    const ex = classifyExchange(Number(parts.npa), Number(parts.nxx));
    if (ex.uniform) return ex;
  }
  return classifyNumber(number);
}
