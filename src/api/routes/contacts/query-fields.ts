import { z } from 'zod';

/** Query-string fields shared by the two contact APIs. A blank value means the filter is absent. */
const MAX_PAGE_SIZE = 1000;

export const pageField = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return 1;
    if (!/^\d{1,9}$/.test(v.trim()) || Number(v) < 1) {
      ctx.addIssue({ code: 'custom', message: 'A valid page number (1 or more) is required.' });
      return z.NEVER;
    }
    return Number(v);
  });

export const pageSizeField = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = /^\d{1,9}$/.test(v.trim()) ? Number(v) : NaN;
      if (!(n >= 1 && n <= MAX_PAGE_SIZE)) {
        ctx.addIssue({ code: 'custom', message: `page_size must be a whole number between 1 and ${MAX_PAGE_SIZE}.` });
        return z.NEVER;
      }
      return n;
    });

export const textFilter = (max = 200) =>
  z
    .string({ error: 'Not a valid string.' })
    .max(max, `Ensure this field has no more than ${max} characters.`)
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** `?industry=a&industry=b` (repeated) → ['a', 'b']. */
export const repeatedText = (max = 200) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v, ctx) => {
      const values = (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean);
      if (values.some((s) => s.length > max)) {
        ctx.addIssue({ code: 'custom', message: `Ensure each value has no more than ${max} characters.` });
        return z.NEVER;
      }
      if (values.length > 50) {
        ctx.addIssue({ code: 'custom', message: 'At most 50 values.' });
        return z.NEVER;
      }
      return values.length ? values : undefined;
    });

export const amountFilter = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const n = /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a number (0 or more).' });
      return z.NEVER;
    }
    return n;
  });

export const booleanFilter = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const t = v.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(t)) return true;
    if (['false', '0', 'no'].includes(t)) return false;
    ctx.addIssue({ code: 'custom', message: 'Must be true or false.' });
    return z.NEVER;
  });

/** A path id: anything but a positive integer names no contact. */
export function idParam(raw: string | undefined): number | null {
  return raw && /^\d{1,15}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}
