import type pg from 'pg';
import { Readable } from 'node:stream';
import type { ObjectStorage, StoredObject } from '../../domain/storage/object-storage.js';
import { csvLine } from '../../domain/shared/formula-safe-cells.js';
import type { Queryable } from '../queryable.js';

export interface RejectedRow {
  row: number;
  reason: string;
  /** The record's fields as read from the file. */
  fields: string[];
}

// PostgreSQL text cannot hold NUL; the report keeps every other character as it came.
const storable = (s: string) => (s.includes('\u0000') ? s.replace(/\u0000/g, '\uFFFD') : s);

/** Stores a batch's rejected and skipped rows, in the batch's transaction. */
export async function recordRejections(db: Queryable, taskId: string, rows: readonly RejectedRow[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `insert into contact_import_rejections (task_id, row_number, reason, fields)
     select $1, r.row_number, r.reason, array(select jsonb_array_elements_text(r.fields))
       from jsonb_to_recordset($2::jsonb) as r(row_number integer, reason text, fields jsonb)
     on conflict do nothing`,
    [taskId, JSON.stringify(rows.map((r) => ({ row_number: r.row, reason: storable(r.reason), fields: r.fields.map(storable) })))],
  );
}

const PAGE = 2000;

/**
 * Writes the report of rows not imported — row number, reason, then the original fields under the
 * file's own header, each cell formula-safe — read from PostgreSQL a page at a time and streamed into storage.
 */
export async function exportRejections(pool: pg.Pool, storage: ObjectStorage, taskId: string, header: string[], key: string): Promise<StoredObject> {
  const { rows } = await pool.query<{ width: number }>(
    `select coalesce(max(cardinality(fields)), 0)::int as width from contact_import_rejections where task_id = $1`,
    [taskId],
  );
  const width = Math.max(header.length, rows[0].width);
  const names = ['row_number', 'reason', ...Array.from({ length: width }, (_, i) => header[i] ?? `extra_${i + 1 - header.length}`)];
  async function* lines() {
    yield csvLine(names);
    for (let after = 0; ; ) {
      const page = await pool.query<{ row_number: number; reason: string; fields: string[] }>(
        `select row_number, reason, fields from contact_import_rejections where task_id = $1 and row_number > $2 order by row_number limit ${PAGE}`,
        [taskId, after],
      );
      if (!page.rows.length) return;
      // Every line as wide as the header, so the report reads back under strict CSV parsers.
      yield page.rows.map((r) => csvLine([String(r.row_number), r.reason, ...r.fields, ...Array<string>(width - r.fields.length).fill('')])).join('');
      after = page.rows[page.rows.length - 1].row_number;
    }
  }
  return storage.put(key, Readable.from(lines()));
}
