import type pg from 'pg';
import { blocksCanPlace, numberWhere, tallyWhere, type NumberFilter, type SqlWhere } from '../../domain/phone-inventory/number-filter.js';
import type { PhoneNumberRow } from '../../domain/phone-inventory/number-view.js';

export interface PageWindow {
  limit: number;
  offset: number;
}

const COLUMNS = 'id, project_id, number, area_code, status, carrier, line_type, validated_at, created_at';

/** Below this offset an index walk skips rows faster than placing the page by id blocks. */
const DEEP_OFFSET = 20_000;

/**
 * One page of the tenant's numbers, newest first, and how many match in all. The count is a sum over
 * phone_number_tallies unless the filter searches digits (then the trigram index finds the matches).
 * The page's ids come from an index alone — (tenant_id, id), or with the project or status in front —
 * and only its rows are read from the table; a deep page is placed by phone_number_id_blocks first.
 */
export async function listNumbers(pool: pg.Pool, tenantId: number, filter: NumberFilter, page: PageWindow): Promise<{ rows: PhoneNumberRow[]; count: number }> {
  const where = numberWhere(tenantId, filter);
  const deep = page.offset >= DEEP_OFFSET && blocksCanPlace(filter);
  const [data, count] = await Promise.all([
    pool.query<PhoneNumberRow>(deep ? deepPageSql(where, page) : filter.digits !== undefined ? searchPageSql(where, page) : pageSql(where, page), where.params),
    countNumbers(pool, tenantId, filter, where),
  ]);
  return { rows: data.rows, count };
}

function pageSql(where: SqlWhere, page: PageWindow): string {
  return `select ${COLUMNS} from phone_numbers
           where id = any(array(select id from phone_numbers where ${where.sql} order by id desc limit ${page.limit} offset ${page.offset}))
           order by id desc`;
}

/**
 * A digit search takes its matches from the trigram index first and sorts them: left to choose, the
 * planner walks (tenant_id, id) from the newest row hoping to meet 50 matches early, and a rare digit
 * string is met late or never — a scan of the whole tenant.
 */
function searchPageSql(where: SqlWhere, page: PageWindow): string {
  return `with matches as materialized (select id from phone_numbers where ${where.sql})
         select ${COLUMNS} from phone_numbers
          where id = any(array(select id from matches order by id desc limit ${page.limit} offset ${page.offset}))
          order by id desc`;
}

/**
 * Sums the matching id blocks from the newest down to find the block holding the page's first row and
 * how many newer rows precede it, then walks the index from that block's top, skipping fewer than one
 * block's rows. One statement, so the blocks and the rows are read in the same snapshot. The block
 * filter repeats the number filter on the columns they share (tenant, project, status).
 */
function deepPageSql(where: SqlWhere, page: PageWindow): string {
  return `with blocks as (
             select block, sum(n) as n from phone_number_id_blocks where ${where.sql} group by block having sum(n) > 0),
           placed as (
             select block, sum(n) over (order by block desc) - n as before, n from blocks),
           start as (
             select block, before from placed where before + n > ${page.offset} order by block desc limit 1)
         select ${COLUMNS} from phone_numbers
          where id = any(array(
            select p.id from start, lateral (
              select id from phone_numbers where ${where.sql} and id < (start.block + 1) << 12
               order by id desc limit ${page.limit} offset ${page.offset} - start.before) p))
          order by id desc`;
}

async function countNumbers(pool: pg.Pool, tenantId: number, filter: NumberFilter, where: SqlWhere): Promise<number> {
  const tallies = tallyWhere(tenantId, filter);
  const { rows } = tallies
    ? await pool.query<{ n: number }>(`select coalesce(sum(n), 0)::int as n from phone_number_tallies where ${tallies.sql}`, tallies.params)
    : await pool.query<{ n: number }>(`select count(*)::int as n from phone_numbers where ${where.sql}`, where.params);
  return rows[0].n;
}
