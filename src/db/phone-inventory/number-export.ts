import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import { numberWhere, type NumberFilter } from '../../domain/phone-inventory/number-filter.js';
import { csvSafeSql } from '../../domain/shared/formula-safe-cells.js';
import { lineTypeLabelSql } from '../../domain/phone/line-types.js';

/**
 * The CSV columns, in order. Timestamps are PostgreSQL's own ISO output in UTC ("2025-10-04
 * 10:00:00+00"): formatting them with to_char, or adding a national format column, costs about a third
 * of the export's time at a million rows, and E.164 is the form tools import. Text that may come from a
 * user (project_id) or a lookup provider (carrier, line type) is made formula-safe; the number itself is
 * generated E.164 and stays as tools import it. Line types are written as seed 000 writes them ("Mobile").
 */
const SELECT_LIST = `id, number as phone_number, area_code, status, ${csvSafeSql('carrier')} as carrier, ${csvSafeSql(lineTypeLabelSql('line_type'))} as type, ${csvSafeSql('project_id')} as project_id, validated_at, created_at`;

/**
 * Streams the tenant's matching numbers as CSV straight out of PostgreSQL (COPY … TO STDOUT), so memory
 * stays flat at any row count. Resolves once PostgreSQL has started answering, so a failing statement is
 * still an ordinary error rather than a truncated download. The connection goes back to the pool when
 * the stream ends; a stream abandoned mid-COPY destroys its connection instead, since it is mid-protocol.
 */
export async function exportNumbersCsv(pool: pg.Pool, tenantId: number, filter: NumberFilter): Promise<Readable> {
  const client = await pool.connect();
  try {
    await client.query(`begin read only; set local timezone = 'UTC'`);
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
  let finished = false;
  const finish = (err?: Error) => {
    if (finished) return;
    finished = true;
    if (err) return client.release(err);
    client.query('commit').then(
      () => client.release(),
      (e: Error) => client.release(e),
    );
  };
  const stream = client.query(copyTo(`copy (${selectSql(tenantId, filter)}) to stdout with (format csv, header true)`));
  stream.once('end', () => finish());
  stream.once('error', (err) => finish(err));
  stream.once('close', () => stream.readableEnded || finish(new Error('CSV export abandoned mid-COPY')));
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
