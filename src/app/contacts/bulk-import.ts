import type pg from 'pg';
import type { FieldErrors } from '../../domain/shared/errors.js';
import { validateContactInput, type ContactInputOptions, type ContactRow } from '../../domain/contacts/contact-input.js';
import { upsertContacts } from '../../db/contacts/contact-upsert.js';

export const MAX_SYNC_IMPORT_ROWS = 10_000;

export interface ImportRowResult {
  /** 1-based position in the request (for a CSV, 1 is the first line after the header). */
  row: number;
  status: 'created' | 'updated' | 'skipped' | 'rejected';
  id?: number;
  errors?: FieldErrors;
}

export interface ImportSummary {
  total: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  results: ImportRowResult[];
}

/**
 * Validates every row with the contact rules, then upserts the valid ones by phone or email in one
 * set-based transaction. Rows repeating an earlier row are skipped; invalid ones are rejected with
 * their field errors; neither stops the others.
 */
export async function importContacts(pool: pg.Pool, tenantId: number, raw: readonly unknown[], opts: ContactInputOptions): Promise<ImportSummary> {
  const results: ImportRowResult[] = new Array(raw.length);
  const valid: { index: number; row: ContactRow }[] = [];
  raw.forEach((item, index) => {
    const checked = validateContactInput(item, opts);
    if (checked.ok) valid.push({ index, row: checked.row });
    else results[index] = { row: index + 1, status: 'rejected', errors: checked.errors };
  });
  const outcomes = valid.length
    ? await upsertContacts(pool, tenantId, valid.map((v) => v.row), { onExisting: 'update', rowNumbers: valid.map((v) => v.index + 1) })
    : [];
  outcomes.forEach((o, k) => {
    results[valid[k].index] = { row: valid[k].index + 1, ...o };
  });
  const count = (status: ImportRowResult['status']) => results.filter((r) => r.status === status).length;
  return { total: raw.length, created: count('created'), updated: count('updated'), skipped: count('skipped'), rejected: count('rejected'), results };
}
