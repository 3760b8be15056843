import type { NumberStatus } from './number-view.js';

/** What the seed-000 read endpoints filter numbers by; every field narrows, none widens past the tenant. */
export interface NumberFilter {
  projectId?: string;
  status?: NumberStatus;
  /** Digits that must appear contiguously in the E.164 number. */
  digits?: string;
  /** YYYY-MM-DD: created on that UTC day. */
  createdOn?: string;
  areaCode?: string;
  /** Case-insensitive substring of the carrier name. */
  carrier?: string;
}

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** A parameterised WHERE clause over phone_numbers, always scoped to the tenant first. */
export function numberWhere(tenantId: number, f: NumberFilter): SqlWhere {
  const { add, done } = whereBuilder(tenantId);
  if (f.projectId !== undefined) add('project_id = ?', f.projectId);
  if (f.status !== undefined) add('status = ?', f.status);
  if (f.digits !== undefined) add(`number like ?`, `%${f.digits}%`);
  // A half-open UTC day keeps the created_at comparison sargable.
  if (f.createdOn !== undefined) add(`created_at >= ?::date::timestamp at time zone 'UTC' and created_at < (?::date + 1)::timestamp at time zone 'UTC'`, f.createdOn, f.createdOn);
  if (f.areaCode !== undefined) add('area_code = ?', f.areaCode);
  if (f.carrier !== undefined) add(`carrier ilike ? escape '\\'`, `%${escapeLike(f.carrier)}%`);
  return done();
}

/**
 * The same filter over phone_number_tallies, whose groups carry every filtered column but the number
 * itself: null when the filter has a digit search, which only the numbers can answer.
 */
export function tallyWhere(tenantId: number, f: NumberFilter): SqlWhere | null {
  if (f.digits !== undefined) return null;
  const { add, done } = whereBuilder(tenantId);
  if (f.projectId !== undefined) add('project_id = ?', f.projectId);
  if (f.status !== undefined) add('status = ?', f.status);
  if (f.createdOn !== undefined) add('created_on = ?::date', f.createdOn);
  if (f.areaCode !== undefined) add('area_code = ?', f.areaCode);
  if (f.carrier !== undefined) add(`carrier ilike ? escape '\\'`, `%${escapeLike(f.carrier)}%`);
  return done();
}

/** Whether phone_number_id_blocks can place a deep page of this filter: it groups by project and status only. */
export function blocksCanPlace(f: NumberFilter): boolean {
  return f.digits === undefined && f.createdOn === undefined && f.areaCode === undefined && f.carrier === undefined;
}

function whereBuilder(tenantId: number) {
  const clauses = ['tenant_id = $1'];
  const params: unknown[] = [tenantId];
  const add = (sql: string, ...values: unknown[]) => {
    let text = sql;
    for (const v of values) {
      params.push(v);
      text = text.replace('?', `$${params.length}`);
    }
    clauses.push(text);
  };
  return { add, done: (): SqlWhere => ({ sql: clauses.join(' and '), params }) };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
