import type pg from 'pg';
import type { Queryable } from '../queryable.js';
import { fieldError, notFound } from '../../domain/shared/errors.js';
import type { PageWindow } from './message-queries.js';
import { criteriaToSql, type SegmentCriteria } from '../../domain/messaging/segment-criteria.js';

export interface SegmentInput {
  name?: string;
  description?: string;
  criteria?: SegmentCriteria;
}

/** `criteria` is the same object as seed 004's `filter_json`; both names are answered. */
const VIEW = `id, name, description, filter_json, filter_json as criteria, contact_count, count_updated_at, created_by, created_at, updated_at`;

/** How many of the tenant's live contacts match, counted in the database. */
async function countSegmentContacts(sql: Queryable, tenantId: number, criteria: SegmentCriteria): Promise<number> {
  const where = criteriaToSql(criteria, 2);
  const { rows } = await sql.query<{ n: number }>(`select count(*)::int as n from contacts c where c.tenant_id = $1 and c.deleted_at is null and (${where.sql})`, [tenantId, ...where.params]);
  return rows[0].n;
}

function duplicateName(err: unknown): never {
  if ((err as { constraint?: string }).constraint === 'segments_name_per_tenant') throw fieldError('name', 'A segment with this name already exists.');
  throw err;
}

export async function createSegment(pool: pg.Pool, tenantId: number, userId: number, input: { name: string; description?: string; criteria: SegmentCriteria }) {
  const count = await countSegmentContacts(pool, tenantId, input.criteria);
  const { rows } = await pool
    .query(
      `insert into segments (tenant_id, created_by, name, description, filter_json, contact_count, count_updated_at)
       values ($1, $2, $3, coalesce($4, ''), $5, $6, now()) returning ${VIEW}`,
      [tenantId, userId, input.name, input.description, JSON.stringify(input.criteria), count],
    )
    .catch(duplicateName);
  return rows[0];
}

export async function updateSegment(pool: pg.Pool, tenantId: number, id: number, input: SegmentInput) {
  const count = input.criteria ? await countSegmentContacts(pool, tenantId, input.criteria) : null;
  const { rows } = await pool
    .query(
      `update segments set name = coalesce($3, name), description = coalesce($4, description), filter_json = coalesce($5::jsonb, filter_json),
         contact_count = coalesce($6, contact_count), count_updated_at = case when $6::int is null then count_updated_at else now() end, updated_at = now()
       where tenant_id = $1 and id = $2 returning ${VIEW}`,
      [tenantId, id, input.name, input.description, input.criteria ? JSON.stringify(input.criteria) : null, count],
    )
    .catch(duplicateName);
  if (!rows[0]) throw notFound('Segment not found.');
  return rows[0];
}

/** Recounts the segment's contacts now (contacts change after the segment was saved). */
export async function refreshSegmentCount(pool: pg.Pool, tenantId: number, id: number) {
  const segment = await getSegment(pool, tenantId, id);
  const count = await countSegmentContacts(pool, tenantId, segment.filter_json as SegmentCriteria);
  const { rows } = await pool.query(`update segments set contact_count = $3, count_updated_at = now() where tenant_id = $1 and id = $2 returning ${VIEW}`, [tenantId, id, count]);
  return rows[0];
}

export async function getSegment(pool: pg.Pool, tenantId: number, id: number) {
  const { rows } = await pool.query(`select ${VIEW} from segments where tenant_id = $1 and id = $2`, [tenantId, id]);
  if (!rows[0]) throw notFound('Segment not found.');
  return rows[0];
}

export async function deleteSegment(pool: pg.Pool, tenantId: number, id: number) {
  const { rowCount } = await pool.query('delete from segments where tenant_id = $1 and id = $2', [tenantId, id]);
  if (!rowCount) throw notFound('Segment not found.');
}

export async function listSegments(pool: pg.Pool, tenantId: number, filter: { search?: string }, page: PageWindow) {
  const params: unknown[] = [tenantId];
  let where = 'tenant_id = $1';
  if (filter.search) {
    params.push(`%${filter.search.replace(/[%_\\]/g, '\\$&')}%`);
    where += ` and name ilike $2`;
  }
  const [rows, total] = await Promise.all([
    pool.query(`select ${VIEW} from segments where ${where} order by id desc limit ${page.limit} offset ${page.offset}`, params),
    pool.query<{ n: number }>(`select count(*)::int as n from segments where ${where}`, params),
  ]);
  return { rows: rows.rows, count: total.rows[0].n };
}
