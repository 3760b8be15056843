import type pg from 'pg';
import { numberWhere, type NumberFilter } from '../../domain/phone-inventory/number-filter.js';
import type { PhoneNumberRow } from '../../domain/phone-inventory/number-view.js';

export interface PageWindow {
  limit: number;
  offset: number;
}

const COLUMNS = 'id, project_id, number, area_code, status, carrier, line_type, validated_at, created_at';

/** One page of the tenant's numbers, newest first, and how many match in all. */
export async function listNumbers(pool: pg.Pool, tenantId: number, filter: NumberFilter, page: PageWindow): Promise<{ rows: PhoneNumberRow[]; count: number }> {
  const where = numberWhere(tenantId, filter);
  const [data, total] = await Promise.all([
    pool.query<PhoneNumberRow>(`select ${COLUMNS} from phone_numbers where ${where.sql} order by id desc limit ${page.limit} offset ${page.offset}`, where.params),
    pool.query<{ n: number }>(`select count(*)::int as n from phone_numbers where ${where.sql}`, where.params),
  ]);
  return { rows: data.rows, count: total.rows[0].n };
}
