import { z } from 'zod';
import { isCalendarDay } from '../../http/date-filters.js';

/**
 * Query fields shared by the seed-000 read endpoints, with the messages the seed's (DRF) backend gave,
 * so a client that shows `errors.<field>[0]` reads the same text.
 */
const REQUIRED = 'This field is required.';

export const userIdField = z.string({ error: REQUIRED }).trim().min(1, REQUIRED);

/** Blank means absent: `?project_id=` must not filter on the empty project. */
export const optionalText = (max = 200) =>
  z
    .string({ error: 'Not a valid string.' })
    .trim()
    .max(max, `Ensure this field has no more than ${max} characters.`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const positiveInt = (opts: { fallback: number; max?: number }) =>
  z
    .string({ error: 'A valid integer is required.' })
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return opts.fallback;
      if (!/^\d+$/.test(v.trim())) {
        ctx.addIssue({ code: 'custom', message: 'A valid integer is required.' });
        return z.NEVER;
      }
      const n = Number(v);
      if (n < 1) ctx.addIssue({ code: 'custom', message: 'Ensure this value is greater than or equal to 1.' });
      else if (opts.max !== undefined && n > opts.max) ctx.addIssue({ code: 'custom', message: `Ensure this value is less than or equal to ${opts.max}.` });
      return n;
    });

/** One of `choices`, matched regardless of case (`status=Valid` is `valid`). */
export const choiceField = <T extends string>(choices: readonly T[]) =>
  z
    .string({ error: 'Not a valid string.' })
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const choice = choices.find((c) => c.toLowerCase() === v.trim().toLowerCase());
      if (!choice) {
        ctx.addIssue({ code: 'custom', message: `"${v}" is not a valid choice.` });
        return z.NEVER;
      }
      return choice;
    });

/** YYYY-MM-DD that names a real calendar day (in the range every date filter shares). */
export const dateField = z
  .string({ error: 'Not a valid string.' })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    if (!isCalendarDay(v)) {
      ctx.addIssue({ code: 'custom', message: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.' });
      return z.NEVER;
    }
    return v;
  });

/** Digits to look for inside numbers; separators a person might type ("(415) 555") are ignored. */
export const digitsSearchField = z
  .string({ error: 'Not a valid string.' })
  .max(32, 'Ensure this field has no more than 32 characters.')
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const digits = v.replace(/\D/g, '');
    if (!digits) {
      ctx.addIssue({ code: 'custom', message: 'Search must contain digits.' });
      return z.NEVER;
    }
    return digits;
  });

export const areaCodeField = z
  .string({ error: 'Not a valid string.' })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    if (!/^\d{3}$/.test(v.trim())) {
      ctx.addIssue({ code: 'custom', message: 'Invalid area code format. Must be 3 digits.' });
      return z.NEVER;
    }
    return v.trim();
  });
