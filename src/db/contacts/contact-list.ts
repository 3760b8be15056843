import type pg from 'pg';
import type { ContactWhere } from './sql-where.js';

export interface PageWindow {
  limit: number;
  offset: number;
}

/**
 * One page of matching contacts, newest first, and how many match in all. The page's ids are found
 * first (index-only where the filters are in an index) and only those rows are read.
 */
export async function listContacts<T extends pg.QueryResultRow>(pool: pg.Pool, where: ContactWhere, columns: string, page: PageWindow): Promise<{ rows: T[]; count: number }> {
  const [data, total] = await Promise.all([
    pool.query<T>(
      `select ${columns} from contacts c
         join (select c.id from contacts c where ${where.sql} order by c.id desc limit ${page.limit} offset ${page.offset}) as page using (id)
        order by c.id desc`,
      where.params,
    ),
    pool.query<{ n: number }>(`select count(*)::int as n from contacts c where ${where.sql}`, where.params),
  ]);
  return { rows: data.rows, count: total.rows[0].n };
}
