import type pg from 'pg';
import { fieldError, notFound } from '../../domain/shared/errors.js';
import { MESSAGE_VIEW, type PageWindow } from './message-queries.js';

/** A conversation as the API shows it, with Mifumo's `contact`, `contact_name`, `contact_phone`. */
const VIEW = `v.id, v.contact_id as contact, coalesce(nullif(c.full_name, ''), v.contact_number) as contact_name,
  v.contact_number as contact_phone, v.tenant_number, v.status, v.subject, v.assigned_to, v.message_count, v.unread_count,
  v.last_message_at, v.last_message_text, v.metadata, v.created_at, v.updated_at`;
const FROM = 'conversations v left join contacts c on c.id = v.contact_id';

export const CONVERSATION_STATUSES = ['open', 'closed', 'archived'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export async function listConversations(pool: pg.Pool, tenantId: number, filter: { status?: string; search?: string; contact?: number }, page: PageWindow) {
  const params: unknown[] = [tenantId];
  const where = ['v.tenant_id = $1'];
  if (filter.status) {
    params.push(filter.status);
    where.push(`v.status = $${params.length}`);
  }
  if (filter.contact !== undefined) {
    params.push(filter.contact);
    where.push(`v.contact_id = $${params.length}`);
  }
  if (filter.search) {
    params.push(`%${filter.search.replace(/[%_\\]/g, '\\$&')}%`);
    where.push(`(v.contact_number like $${params.length} or c.full_name ilike $${params.length} or v.subject ilike $${params.length})`);
  }
  const sql = where.join(' and ');
  const [rows, total] = await Promise.all([
    pool.query(`select ${VIEW} from ${FROM} where ${sql} order by v.last_message_at desc nulls last, v.id desc limit ${page.limit} offset ${page.offset}`, params),
    pool.query<{ n: number }>(`select count(*)::int as n from ${FROM} where ${sql}`, params),
  ]);
  return { rows: rows.rows, count: total.rows[0].n };
}

/** The conversation with its latest messages (oldest first), as a thread view reads it. */
export async function getConversation(pool: pg.Pool, tenantId: number, id: number, recent = 50) {
  const { rows } = await pool.query(`select ${VIEW} from ${FROM} where v.tenant_id = $1 and v.id = $2`, [tenantId, id]);
  if (!rows[0]) throw notFound('Conversation not found.');
  const messages = await pool.query(`select * from (select ${MESSAGE_VIEW} from messages m where m.tenant_id = $1 and m.conversation_id = $2 order by m.id desc limit ${recent}) t order by id`, [tenantId, id]);
  return { ...rows[0], messages: messages.rows };
}

export interface OpenConversation {
  contactNumber: string;
  contactId: number | null;
  tenantNumber: string;
  subject?: string;
}

/** Opens the (tenant number, contact number) conversation, or answers the existing one. */
export async function openConversation(pool: pg.Pool, tenantId: number, input: OpenConversation): Promise<{ id: number; created: boolean }> {
  const { rows } = await pool.query<{ id: number; created: boolean }>(
    `insert into conversations (tenant_id, tenant_number, contact_number, contact_id, subject)
     values ($1, $2, $3, $4, coalesce($5, ''))
     on conflict (tenant_id, tenant_number, contact_number) do update set contact_id = coalesce(conversations.contact_id, excluded.contact_id)
     returning id, (xmax = 0) as created`,
    [tenantId, input.tenantNumber, input.contactNumber, input.contactId, input.subject],
  );
  return rows[0];
}

export interface ConversationUpdate {
  status?: ConversationStatus;
  subject?: string;
  assigned_to?: number | null;
  metadata?: Record<string, unknown>;
  unread_count?: number;
}

export async function updateConversation(pool: pg.Pool, tenantId: number, id: number, update: ConversationUpdate) {
  if (update.assigned_to !== undefined && update.assigned_to !== null) {
    const member = await pool.query('select 1 from memberships where tenant_id = $1 and user_id = $2', [tenantId, update.assigned_to]);
    if (!member.rowCount) throw fieldError('assigned_to', 'Assign the conversation to a member of this tenant.');
  }
  const { rowCount } = await pool.query(
    `update conversations set status = coalesce($3, status), subject = coalesce($4, subject),
       assigned_to = case when $5::boolean then $6::bigint else assigned_to end,
       metadata = coalesce($7::jsonb, metadata), unread_count = coalesce($8, unread_count), updated_at = now()
     where tenant_id = $1 and id = $2`,
    [tenantId, id, update.status, update.subject, update.assigned_to !== undefined, update.assigned_to ?? null, update.metadata ? JSON.stringify(update.metadata) : null, update.unread_count],
  );
  if (!rowCount) throw notFound('Conversation not found.');
  return getConversation(pool, tenantId, id);
}

/** A contact of the tenant by id: its number and id, for opening a conversation with it. */
export async function contactForConversation(pool: pg.Pool, tenantId: number, contactId: number) {
  const { rows } = await pool.query<{ id: number; phone_e164: string | null }>('select id, phone_e164 from contacts where tenant_id = $1 and id = $2 and deleted_at is null', [tenantId, contactId]);
  if (!rows[0]) throw fieldError('contact', 'Contact not found.');
  if (!rows[0].phone_e164) throw fieldError('contact', 'This contact has no phone number.');
  return { id: rows[0].id, phone: rows[0].phone_e164 };
}
