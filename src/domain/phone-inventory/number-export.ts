import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import { numberWhere, type NumberFilter } from './number-filter.js';
import { NATIONAL_FORMAT_SQL } from './national-format.js';

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

/** The CSV columns, in order; the header row names them. */
export const CSV_COLUMNS = ['id', 'phone_number', 'national_format', 'area_code', 'status', 'carrier', 'type', 'project_id', 'validated_at', 'created_at'] as const;

const SELECT_LIST = [
  'id',
  'number as phone_number',
  `${NATIONAL_FORMAT_SQL} as national_format`,
  'area_code',
  'status',
  'carrier',
  'line_type as type',
  'project_id',
  `to_char(validated_at at time zone 'UTC', ${ISO_UTC}) as validated_at`,
  `to_char(created_at at time zone 'UTC', ${ISO_UTC}) as created_at`,
].join(', ');

/**
 * Streams the tenant's matching numbers as CSV straight out of PostgreSQL (COPY … TO STDOUT), so memory
 * stays flat at any row count. Resolves once PostgreSQL has started answering, so a failing statement is
 * still an ordinary error rather than a truncated download. The pooled connection goes back when the
 * stream ends; a stream abandoned mid-COPY destroys its connection instead, since it is mid-protocol.
 */
export async function exportNumbersCsv(pool: pg.Pool, tenantId: number, filter: NumberFilter): Promise<Readable> {
  const client = await pool.connect();
  const stream = client.query(copyTo(`copy (${selectSql(tenantId, filter)}) to stdout with (format csv, header true)`));
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  stream.once('end', () => release());
  stream.once('error', (err) => release(err));
  stream.once('close', () => release(stream.readableEnded ? undefined : new Error('CSV export abandoned mid-COPY')));
  await new Promise<void>((resolve, reject) => {
    const ok = () => {
      stream.off('error', fail);
      resolve();
    };
    const fail = (err: Error) => {
      stream.off('readable', ok);
      reject(err);
    };
    stream.once('readable', ok);
    stream.once('error', fail);
  });
  return stream;
}

/** COPY takes no bind parameters, so the filter's values are inlined as escaped literals. */
function selectSql(tenantId: number, filter: NumberFilter): string {
  const where = numberWhere(tenantId, filter);
  const sql = where.sql.replace(/\$(\d+)/g, (_, n: string) => pg.escapeLiteral(String(where.params[Number(n) - 1])));
  return `select ${SELECT_LIST} from phone_numbers where ${sql} order by id`;
}
