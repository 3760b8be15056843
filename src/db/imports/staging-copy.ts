import type pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { ContactRow } from '../../domain/contacts/contact-input.js';

export interface StagedRow {
  /** The record's row number in the file; staging rows are addressed by it. */
  row: number;
  contact: ContactRow;
}

export const STAGING_TABLE = 'contact_import_staging';
/** Session-local and emptied at each commit; the batch transaction sends it with its BEGIN. */
export const CREATE_STAGING = `create temp table if not exists ${STAGING_TABLE} (row_no integer not null, phone_e164 text, email text, r jsonb not null) on commit delete rows`;

/**
 * Loads a batch into the staging table (CREATE_STAGING, in the caller's transaction) with COPY: one
 * round trip however many rows, and the rows are gone at commit. Each row is its contact as JSON, read by the contact rules' SQL builders.
 */
export async function copyToStaging(client: pg.PoolClient, rows: readonly StagedRow[]): Promise<void> {
  const lines: string[] = [];
  for (const { row, contact } of rows) {
    lines.push(`${row},${cell(contact.phone_e164)},${cell(contact.email)},${cell(JSON.stringify(contact))}\n`);
  }
  await pipeline(Readable.from([lines.join('')]), client.query(copyFrom(`copy ${STAGING_TABLE} (row_no, phone_e164, email, r) from stdin (format csv)`)));
}

/** A COPY CSV cell: unquoted empty is NULL; anything with a quote, comma or line break is quoted. */
function cell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /[",\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
}
