import type pg from 'pg';
import type { FieldErrors } from '../../domain/shared/errors.js';
import { validateContactInput, type ContactInputOptions } from '../../domain/contacts/contact-input.js';
import { isStored, requestErrors } from '../../domain/contacts/upsert-outcome.js';
import { upsertContacts } from '../../db/contacts/contact-upsert.js';
import type { StagedRow } from '../../db/contacts/contact-staging.js';
import { inTransaction } from '../../db/transaction.js';

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
  const valid: StagedRow[] = [];
  raw.forEach((item, index) => {
    const checked = validateContactInput(item, opts);
    if (checked.ok) valid.push({ row: index + 1, contact: checked.row });
    else results[index] = { row: index + 1, status: 'rejected', errors: checked.errors };
  });
  const outcomes = valid.length ? await inTransaction(pool, (client) => upsertContacts(client, tenantId, valid, { onExisting: 'update' })) : [];
  for (const o of outcomes) {
    if (isStored(o)) results[o.row - 1] = { row: o.row, status: o.status, id: o.id };
    // A row skipped for a contact another row updates names that contact, as it always has.
    else results[o.row - 1] = { row: o.row, status: o.status, ...(o.cause === 'contact-taken' ? { id: o.id } : {}), errors: requestErrors(o) };
  }
  const count = (status: ImportRowResult['status']) => results.filter((r) => r.status === status).length;
  return { total: raw.length, created: count('created'), updated: count('updated'), skipped: count('skipped'), rejected: count('rejected'), results };
}
