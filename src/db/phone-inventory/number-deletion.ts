import type pg from 'pg';
import { notFound } from '../../domain/shared/errors.js';
import { inTransaction } from '../transaction.js';

/**
 * Seed 000 "clear-numbers": drops the invalid numbers and the valid ones that are not mobile, since only
 * valid mobile numbers are worth keeping for SMS. One set-based statement; counts come from RETURNING.
 */
export async function clearUnusableNumbers(pool: pg.Pool, tenantId: number, projectId?: string) {
  const { rows } = await pool.query<{ invalid: number; non_mobile: number }>(
    `with gone as (
       delete from phone_numbers
        where tenant_id = $1 and ($2::text is null or project_id = $2)
          and (status = 'invalid' or (status = 'valid' and lower(coalesce(line_type, '')) <> 'mobile'))
       returning status)
     select count(*) filter (where status = 'invalid')::int as invalid, count(*) filter (where status = 'valid')::int as non_mobile from gone`,
    [tenantId, projectId ?? null],
  );
  const { invalid, non_mobile } = rows[0];
  return { deleted_invalid: invalid, deleted_non_mobile: non_mobile, deleted_count: invalid + non_mobile };
}

/** Every number of the tenant, or of one of its projects. */
export async function deleteAllNumbers(pool: pg.Pool, tenantId: number, projectId?: string): Promise<number> {
  const { rowCount } = await pool.query(`delete from phone_numbers where tenant_id = $1 and ($2::text is null or project_id = $2)`, [
    tenantId,
    projectId ?? null,
  ]);
  return rowCount ?? 0;
}

/**
 * Deletes the given ids all or nothing: if any id is not one of the tenant's numbers the transaction is
 * rolled back and the request is a 404, so a foreign id can neither be deleted nor probed one at a time.
 */
export async function deleteSelectedNumbers(pool: pg.Pool, tenantId: number, ids: readonly number[]): Promise<number> {
  const wanted = [...new Set(ids)];
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(`delete from phone_numbers where tenant_id = $1 and id = any($2::bigint[])`, [tenantId, wanted]);
    if ((rowCount ?? 0) !== wanted.length) throw notFound('One or more numbers were not found.', 'selectedNumbers');
    return wanted.length;
  });
}
