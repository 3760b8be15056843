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
  const tallies = tallyWhere(tenantId, filter);
  if (!tallies) return searchNumbers(pool, where, page);
  const deep = page.offset >= DEEP_OFFSET && blocksCanPlace(filter);
  const [data, total] = await Promise.all([
    pool.query<PhoneNumberRow>(deep ? deepPageSql(where, page) : pageSql(where, page), where.params),
    pool.query<{ n: number }>(`select coalesce(sum(n), 0)::int as n from phone_number_tallies where ${tallies.sql}`, tallies.params),
  ]);
  return { rows: data.rows, count: total.rows[0].n };
}

function pageSql(where: SqlWhere, page: PageWindow): string {
  return `select ${COLUMNS} from phone_numbers
           where id = any(array(select id from phone_numbers where ${where.sql} order by id desc limit ${page.limit} offset ${page.offset}))
           order by id desc`;
}

/**
 * A digit search finds its matches once, through the trigram index, and both counts and pages them in
 * the same statement (one row with a null id when the page is past the end). Left to choose, the planner
 * would walk (tenant_id, id) from the newest row hoping to meet 50 matches early, and a rare digit
 * string is met late or never — a scan of the whole tenant.
 */
async function searchNumbers(pool: pg.Pool, where: SqlWhere, page: PageWindow): Promise<{ rows: PhoneNumberRow[]; count: number }> {
  const { rows } = await pool.query<PhoneNumberRow & { total: number }>(
    `with matches as materialized (select id from phone_numbers where ${where.sql})
     select t.total, p.* from (select count(*)::int as total from matches) t
       left join lateral (
         select ${COLUMNS} from phone_numbers
          where id = any(array(select id from matches order by id desc limit ${page.limit} offset ${page.offset}))) p on true
      order by p.id desc`,
    where.params,
  );
  return { rows: rows.filter((r) => r.id !== null).map(({ total: _, ...row }) => row), count: rows[0].total };
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
