import type pg from 'pg';
import { notFound } from '../../domain/shared/errors.js';

export interface PageWindow {
  limit: number;
  offset: number;
}

/** A message as the API shows it (seed 004 / Mifumo field names: `text`, `conversation`, `direction`). */
export const MESSAGE_VIEW = `m.id, m.conversation_id as conversation, m.contact_id as contact, m.campaign_id as campaign,
  m.template_id as template, m.direction, m.from_number, m.to_number, m.body as text, m.encoding, m.segments,
  m.cost, m.currency, m.status, m.provider, m.provider_message_id, m.error_code, m.error_message,
  m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.created_by, m.created_at, m.updated_at`;

export interface MessageFilter {
  conversation?: number;
  contact?: number;
  campaign?: number;
  direction?: 'outbound' | 'inbound';
  status?: string;
  search?: string;
}

export async function listMessages(pool: pg.Pool, tenantId: number, filter: MessageFilter, page: PageWindow) {
  const params: unknown[] = [tenantId];
  const where = ['m.tenant_id = $1'];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.conversation !== undefined) add((p) => `m.conversation_id = ${p}`, filter.conversation);
  if (filter.contact !== undefined) add((p) => `m.contact_id = ${p}`, filter.contact);
  if (filter.campaign !== undefined) add((p) => `m.campaign_id = ${p}`, filter.campaign);
  if (filter.direction) add((p) => `m.direction = ${p}`, filter.direction);
  if (filter.status) add((p) => `m.status = ${p}`, filter.status);
  if (filter.search) add((p) => `(m.to_number like ${p} or m.from_number like ${p})`, `%${filter.search.replace(/[%_\\]/g, '\\$&')}%`);
  const sql = where.join(' and ');
  const [rows, total] = await Promise.all([
    pool.query(`select ${MESSAGE_VIEW} from messages m where ${sql} order by m.id desc limit ${page.limit} offset ${page.offset}`, params),
    pool.query<{ n: number }>(`select count(*)::int as n from messages m where ${sql}`, params),
  ]);
  return { rows: rows.rows, count: total.rows[0].n };
}

/** One of the tenant's messages by our id, or by the provider's message SID. */
export async function getMessage(pool: pg.Pool, tenantId: number, idOrSid: string) {
  const byId = /^\d{1,15}$/.test(idOrSid);
  const { rows } = await pool.query(`select ${MESSAGE_VIEW} from messages m where m.tenant_id = $1 and ${byId ? 'm.id = $2::bigint' : 'm.provider_message_id = $2'}`, [tenantId, idOrSid]);
  if (!rows[0]) throw notFound('Message not found.');
  return rows[0];
}
