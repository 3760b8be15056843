import type pg from 'pg';
import { ContactWhere, containsPattern, prefixPattern } from './sql-where.js';

export const AUTOCOMPLETE_FIELDS = ['name', 'email', 'company', 'technologies', 'keywords', 'revenue'] as const;
export type AutocompleteField = (typeof AUTOCOMPLETE_FIELDS)[number];

const LIMIT = 10;

/**
 * Up to ten distinct values of one field containing `q`, those starting with it first. Technologies and
 * keywords are comma-separated lists, so each entry is a value of its own.
 */
export async function autocomplete(pool: pg.Pool, tenantId: number, field: AutocompleteField, q: string): Promise<{ value: string | number }[]> {
  const w = new ContactWhere(tenantId);
  const contains = w.param(containsPattern(q));
  const prefix = w.param(prefixPattern(q));
  let source: string;
  if (field === 'technologies' || field === 'keywords') {
    w.and(`c.${field} ilike ${contains}`);
    source = `select distinct btrim(item) as value
                from contacts c cross join lateral unnest(string_to_array(c.${field}, ',')) as item
               where ${w.sql} and btrim(item) ilike ${contains} and btrim(item) <> ''`;
  } else if (field === 'revenue') {
    source = `select distinct c.annual_revenue as value from contacts c
               where ${w.sql} and c.annual_revenue is not null and c.annual_revenue::text like ${contains}`;
    return (await pool.query<{ value: number }>(`select value from (${source}) v order by value::text like ${prefix} desc, value limit ${LIMIT}`, w.params)).rows;
  } else {
    const column = field === 'name' ? 'c.full_name' : `c.${field}`;
    source = `select distinct ${column} as value from contacts c where ${w.sql} and ${column} ilike ${contains} and ${column} <> ''`;
  }
  const res = await pool.query<{ value: string }>(`select value from (${source}) v order by value ilike ${prefix} desc, length(value), value limit ${LIMIT}`, w.params);
  return res.rows;
}
