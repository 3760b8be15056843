/**
 * North American Numbering Plan shapes: NPA (area code), NXX (exchange) and the four-digit line
 * number. Numbers are stored in E.164 form, `+1NPANXXXXXX`.
 */
const NANP_E164 = /^\+1([2-9]\d{2})([2-9]\d{2})(\d{4})$/;

export interface NanpParts {
  npa: string;
  nxx: string;
  line: string;
}

export function nanpParts(e164: string): NanpParts | null {
  const m = NANP_E164.exec(e164);
  return m ? { npa: m[1], nxx: m[2], line: m[3] } : null;
}

export function toE164(npa: string | number, nxx: number, line: number): string {
  return `+1${npa}${nxx}${String(line).padStart(4, '0')}`;
}

/** N11 codes (211, 311 … 911) are service codes, never exchanges. */
export function isN11(nxx: number): boolean {
  return nxx % 100 === 11;
}

/** 555-0100 through 555-0199 are reserved for fiction; no real number lives there. */
export function isFictional(nxx: number, line: number): boolean {
  return nxx === 555 && line >= 100 && line <= 199;
}

export const FICTIONAL_LINES_PER_EXCHANGE = 100;
export const LINES_PER_EXCHANGE = 10_000;
/** Exchanges are 200-999: the first digit is never 0 or 1. */
export const EXCHANGES: readonly number[] = Array.from({ length: 800 }, (_, i) => 200 + i);
