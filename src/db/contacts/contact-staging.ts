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
 * Loads a batch into a session-local table with one COPY (text format), however many rows. The table is
 * created on the connection's first batch and emptied at every commit (and here, should an earlier
 * batch of the same transaction have left rows), so no batch ever sees another's rows. Each row is its
 * contact as JSON, read by the contact rules' SQL builders, beside the two keys it is matched by.
 */
export async function stageContacts(client: pg.PoolClient, rows: readonly StagedRow[]): Promise<void> {
  await client.query(
    `create temp table if not exists ${STAGING_TABLE} (row_no integer not null, phone_e164 text, email text, r jsonb not null) on commit delete rows;
     delete from ${STAGING_TABLE}`,
  );
  await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(`copy ${STAGING_TABLE} (row_no, phone_e164, email, r) from stdin`)));
}

const ROWS_PER_CHUNK = 2000;

/** The rows as COPY text, a few thousand lines per chunk, so a large batch is never one string. */
function* copyText(rows: readonly StagedRow[]): Generator<string> {
  for (let at = 0; at < rows.length; at += ROWS_PER_CHUNK) {
    let chunk = '';
    for (const { row, contact } of rows.slice(at, at + ROWS_PER_CHUNK)) {
      chunk += `${row}\t${cell(contact.phone_e164)}\t${cell(contact.email)}\t${cell(JSON.stringify(contact))}\n`;
    }
    yield chunk;
  }
}

const SPECIAL = /[\\\t\n\r]/;

/**
 * A COPY text cell: \N is NULL; backslash, tab and line breaks are escaped. JSON never holds a raw tab
 * or line break, so most cells go as they are (the CSV format would double every quote of the JSON).
 */
function cell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]) : value;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
