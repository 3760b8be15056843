import type pg from 'pg';
import { PassThrough } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import type { ObjectStorage, StoredObject } from '../storage/object-storage.js';

type Executor = Pick<pg.PoolClient, 'query'>;

export interface RejectedRow {
  row: number;
  reason: string;
  /** The record's fields as read from the file. */
  fields: string[];
}

// PostgreSQL text cannot hold NUL; the report keeps every other character as it came.
const storable = (s: string) => (s.includes('\u0000') ? s.replace(/\u0000/g, '\uFFFD') : s);

/** Stores a batch's rejected and skipped rows, in the batch's transaction. */
export async function recordRejections(db: Executor, taskId: string, rows: readonly RejectedRow[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `insert into contact_import_rejections (task_id, row_number, reason, fields)
     select $1, r.row_number, r.reason, array(select jsonb_array_elements_text(r.fields))
       from jsonb_to_recordset($2::jsonb) as r(row_number integer, reason text, fields jsonb)
     on conflict do nothing`,
    [taskId, JSON.stringify(rows.map((r) => ({ row_number: r.row, reason: storable(r.reason), fields: r.fields.map(storable) })))],
  );
}

/**
 * Writes the report of rows not imported — row number, reason, then the original fields under the
 * file's own header — streamed by COPY from PostgreSQL into storage.
 */
export async function exportRejections(pool: pg.Pool, storage: ObjectStorage, taskId: string, header: string[], key: string): Promise<StoredObject> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ width: number }>(
      `select coalesce(max(cardinality(fields)), 0)::int as width from contact_import_rejections where task_id = $1`,
      [taskId],
    );
    const width = Math.max(header.length, rows[0].width);
    const names = ['row_number', 'reason', ...Array.from({ length: width }, (_, i) => header[i] ?? `extra_${i + 1 - header.length}`)];
    const columns = ['row_number', 'reason', ...Array.from({ length: width }, (_, i) => `fields[${i + 1}]`)].join(', ');
    const body = new PassThrough();
    body.write(names.map(csvCell).join(',') + '\n');
    const copy = client.query(
      copyTo(`copy (select ${columns} from contact_import_rejections where task_id = ${literal(taskId)} order by row_number) to stdout (format csv)`),
    );
    copy.on('error', (err) => body.destroy(err));
    copy.pipe(body);
    return await storage.put(key, body);
  } finally {
    client.release();
  }
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** COPY takes no parameters; task ids are our own uuids, quoted all the same. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
