import { z } from 'zod';

/**
 * The dates a filter may name: years 0001-9999. JavaScript dates reach ±275760 and PostgreSQL's from
 * 4713 BC, and neither has a year 0, so anything outside this range would fail in the database as a
 * 500 instead of being refused here. Every date filter goes through one of these two types.
 */
const inRange = (d: Date) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999;

/** YYYY-MM-DD naming a real calendar day in 0001-9999; answers the same string. */
export const isCalendarDay = (v: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return inRange(d) && d.toISOString().slice(0, 10) === v;
};

/** A date or date-time in ISO form (2024-01-20, 2024-01-20T14:25:00Z) in 0001-9999, as a Date. */
export const filterInstant = (message = 'Enter a date in ISO format, e.g. 2024-01-20 or 2024-01-20T14:25:00Z.') =>
  z
    .string()
    .refine((s) => inRange(new Date(s)), message)
    .transform((s) => new Date(s));
