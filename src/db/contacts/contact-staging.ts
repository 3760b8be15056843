import type pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { ContactRow } from '../../domain/contacts/contact-input.js';

export interface StagedRow {
  /** The caller's number for the row (request position, file line); unique within a batch, staging rows are addressed by it. */
  row: number;
  contact: ContactRow;
}

export const STAGING_TABLE = 'contact_upsert_staging';

/**
 * Loads a batch into a session-local table with COPY: one round trip however many rows. The table is
 * created on the connection's first batch and emptied at every commit (and here, should an earlier
 * batch of the same transaction have left rows), so no batch ever sees another's rows. Each row is its
 * contact as JSON, read by the contact rules' SQL builders, beside the two keys it is matched by.
 */
export async function stageContacts(client: pg.PoolClient, rows: readonly StagedRow[]): Promise<void> {
  await client.query(
    `create temp table if not exists ${STAGING_TABLE} (row_no integer not null, phone_e164 text, email text, r jsonb not null) on commit delete rows;
     delete from ${STAGING_TABLE}`,
  );
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
