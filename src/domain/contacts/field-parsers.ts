export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string): Parsed<never> => ({ ok: false, error });
const blank = (raw: unknown) => raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');

/** Trimmed text; blank means "no value" (null). Numbers are accepted as their decimal text. */
export function parseText(raw: unknown, max: number): Parsed<string | null> {
  if (blank(raw)) return ok(null);
  if (typeof raw !== 'string' && typeof raw !== 'number') return fail('Not a valid string.');
  const text = String(raw).trim();
  if (text.length > max) return fail(`Ensure this field has no more than ${max} characters.`);
  return ok(text);
}

/** A whole, non-negative count; spreadsheet text such as "1,200" is read too. */
export function parseCount(raw: unknown): Parsed<number | null> {
  if (blank(raw)) return ok(null);
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim().replace(/,/g, '')) : NaN;
  if (!Number.isInteger(n)) return fail('A valid integer is required.');
  if (n < 0) return fail('Ensure this value is greater than or equal to 0.');
  if (n > 2_147_483_647) return fail('Ensure this value is less than or equal to 2147483647.');
  return ok(n);
}

/** A non-negative amount with at most two decimals; "$5,000,000.00" is read as 5000000. */
export function parseAmount(raw: unknown): Parsed<number | null> {
  if (blank(raw)) return ok(null);
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim().replace(/[$€£,\s]/g, '')) : NaN;
  if (!Number.isFinite(n)) return fail('A valid number is required.');
  if (n < 0) return fail('Ensure this value is greater than or equal to 0.');
  if (n >= 1e16) return fail('Ensure that there are no more than 16 digits before the decimal point.');
  return ok(Math.round(n * 100) / 100);
}

const TRUE = new Set(['true', '1', 'yes', 'y', 't', 'on']);
const FALSE = new Set(['false', '0', 'no', 'n', 'f', 'off']);

export function parseBoolean(raw: unknown): Parsed<boolean | null> {
  if (blank(raw)) return ok(null);
  if (typeof raw === 'boolean') return ok(raw);
  const text = String(raw).trim().toLowerCase();
  if (TRUE.has(text)) return ok(true);
  if (FALSE.has(text)) return ok(false);
  return fail('Must be a valid boolean.');
}
