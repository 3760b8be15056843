import type { ContactRow } from './contact-input.js';

export interface BatchDuplicate {
  index: number;
  /** The earlier row it repeats. */
  of: number;
  key: 'phone_e164' | 'email';
}

/**
 * Rows that repeat an earlier row's phone or email within one batch: the first occurrence wins and
 * the rest are reported, so one request or file never writes the same person twice.
 */
export function findBatchDuplicates(rows: readonly ContactRow[]): Map<number, BatchDuplicate> {
  const phones = new Map<string, number>();
  const emails = new Map<string, number>();
  const duplicates = new Map<number, BatchDuplicate>();
  rows.forEach((row, index) => {
    const byPhone = row.phone_e164 ? phones.get(row.phone_e164) : undefined;
    const byEmail = row.email ? emails.get(row.email) : undefined;
    if (byPhone !== undefined) return void duplicates.set(index, { index, of: byPhone, key: 'phone_e164' });
    if (byEmail !== undefined) return void duplicates.set(index, { index, of: byEmail, key: 'email' });
    if (row.phone_e164) phones.set(row.phone_e164, index);
    if (row.email) emails.set(row.email, index);
  });
  return duplicates;
}
