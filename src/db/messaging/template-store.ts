import type { Queryable } from '../queryable.js';
import type pg from 'pg';
import { fieldError, notFound, validationError } from '../../domain/shared/errors.js';
import type { PageWindow } from './message-queries.js';
import { checkTemplate, templateProblems } from '../../domain/messaging/templates.js';

export interface TemplateInput {
  name?: string;
  body_text?: string;
  category?: string;
  language?: string;
  channel?: string;
  description?: string;
  is_active?: boolean;
}

const VIEW = `id, name, category, language, channel, description, body_text, variables, is_active, usage_count, created_by, created_at, updated_at`;

/** Refuses a body naming variables no contact has; answers the variables it uses. */
function variablesOf(body: string): string[] {
  const problems = templateProblems(body);
  if (problems.length) throw validationError({ body_text: problems });
  return checkTemplate(body).variables;
}

const UNIQUE_NAME = 'templates_name_per_tenant';
function duplicateName(err: unknown): never {
  if ((err as { constraint?: string }).constraint === UNIQUE_NAME) throw fieldError('name', 'A template with this name already exists.');
  throw err;
}

export async function createTemplate(pool: pg.Pool, tenantId: number, userId: number, input: Required<Pick<TemplateInput, 'name' | 'body_text'>> & TemplateInput) {
  const variables = variablesOf(input.body_text);
  const { rows } = await pool
    .query(
      `insert into templates (tenant_id, created_by, name, body_text, variables, category, language, channel, description, is_active)
       values ($1, $2, $3, $4, $5, coalesce($6, 'general'), coalesce($7, 'en'), coalesce($8, 'sms'), coalesce($9, ''), coalesce($10, true))
       returning ${VIEW}`,
      [tenantId, userId, input.name, input.body_text, variables, input.category, input.language, input.channel, input.description, input.is_active],
    )
    .catch(duplicateName);
  return rows[0];
}

export async function updateTemplate(pool: pg.Pool, tenantId: number, id: number, input: TemplateInput) {
  const variables = input.body_text === undefined ? null : variablesOf(input.body_text);
  const { rows } = await pool
    .query(
      `update templates set name = coalesce($3, name), body_text = coalesce($4, body_text), variables = coalesce($5, variables),
         category = coalesce($6, category), language = coalesce($7, language), channel = coalesce($8, channel),
         description = coalesce($9, description), is_active = coalesce($10, is_active), updated_at = now()
       where tenant_id = $1 and id = $2 returning ${VIEW}`,
      [tenantId, id, input.name, input.body_text, variables, input.category, input.language, input.channel, input.description, input.is_active],
    )
    .catch(duplicateName);
  if (!rows[0]) throw notFound('Template not found.');
  return rows[0];
}

/** A template's body, or null when the tenant has no such template. */
export async function templateBody(db: Queryable, tenantId: number, id: number): Promise<string | null> {
  const { rows } = await db.query<{ body_text: string }>(`select body_text from templates where id = $1 and tenant_id = $2`, [id, tenantId]);
  return rows[0]?.body_text ?? null;
}

export async function getTemplate(pool: pg.Pool, tenantId: number, id: number) {
  const { rows } = await pool.query(`select ${VIEW} from templates where tenant_id = $1 and id = $2`, [tenantId, id]);
  if (!rows[0]) throw notFound('Template not found.');
  return rows[0];
}

export async function deleteTemplate(pool: pg.Pool, tenantId: number, id: number) {
  const { rowCount } = await pool.query('delete from templates where tenant_id = $1 and id = $2', [tenantId, id]);
  if (!rowCount) throw notFound('Template not found.');
}

export async function listTemplates(pool: pg.Pool, tenantId: number, filter: { search?: string; category?: string; is_active?: boolean }, page: PageWindow) {
  const params: unknown[] = [tenantId];
  const where = ['tenant_id = $1'];
  if (filter.search) {
    params.push(`%${filter.search.replace(/[%_\\]/g, '\\$&')}%`);
    where.push(`(name ilike $${params.length} or body_text ilike $${params.length})`);
  }
  if (filter.category) {
    params.push(filter.category);
    where.push(`category = $${params.length}`);
  }
  if (filter.is_active !== undefined) {
    params.push(filter.is_active);
    where.push(`is_active = $${params.length}`);
  }
  const sql = where.join(' and ');
  const [rows, total] = await Promise.all([
    pool.query(`select ${VIEW} from templates where ${sql} order by id desc limit ${page.limit} offset ${page.offset}`, params),
    pool.query<{ n: number }>(`select count(*)::int as n from templates where ${sql}`, params),
  ]);
  return { rows: rows.rows, count: total.rows[0].n };
}

/** Counts a use of the template (a send that rendered it). */
export async function countTemplateUse(pool: pg.Pool, tenantId: number, id: number, uses = 1) {
  await pool.query('update templates set usage_count = usage_count + $3 where tenant_id = $1 and id = $2', [tenantId, id, uses]);
}
