import type { Queryable } from '../queryable.js';

export interface ThreadParticipant {
  contactNumber: string;
  contactId: number | null;
}

const PREVIEW = 200;

/**
 * Finds or opens the conversation of each (tenant number, contact number) pair and records one more
 * message on it, in one statement. Inbound messages add to the unread count. Returns conversation ids
 * by contact number.
 */
export async function touchConversations(
  sql: Queryable,
  tenantId: number,
  tenantNumber: string,
  participants: ThreadParticipant[],
  lastText: string,
  direction: 'outbound' | 'inbound',
): Promise<Map<string, number>> {
  if (!participants.length) return new Map();
  const { rows } = await sql.query<{ id: number; contact_number: string }>(
    `insert into conversations (tenant_id, tenant_number, contact_number, contact_id, message_count, unread_count, last_message_at, last_message_text)
     select $1, $2, n, c, 1, $6, now(), left($5, ${PREVIEW}) from unnest($3::text[], $4::bigint[]) as t(n, c)
     on conflict (tenant_id, tenant_number, contact_number) do update set
       message_count = conversations.message_count + 1,
       unread_count = conversations.unread_count + excluded.unread_count,
       last_message_at = now(),
       last_message_text = excluded.last_message_text,
       contact_id = coalesce(conversations.contact_id, excluded.contact_id),
       status = case when conversations.status = 'closed' and $6 > 0 then 'open' else conversations.status end,
       updated_at = now()
     returning id, contact_number`,
    [tenantId, tenantNumber, participants.map((p) => p.contactNumber), participants.map((p) => p.contactId), lastText, direction === 'inbound' ? 1 : 0],
  );
  return new Map(rows.map((r) => [r.contact_number, r.id]));
}

/**
 * The tenant's contacts with these numbers: the id of a live one, and whether the number opted out.
 * An opt-out outlives the contact's deletion, so deleted rows still count for it.
 */
export async function contactsByPhone(sql: Queryable, tenantId: number, phones: string[]): Promise<Map<string, { id: number | null; optedOut: boolean }>> {
  if (!phones.length) return new Map();
  const { rows } = await sql.query<{ id: number | null; phone_e164: string; opted_out: boolean }>(
    `select case when deleted_at is null then id end as id, phone_e164, (not is_opted_in and opt_out_at is not null) as opted_out
     from contacts where tenant_id = $1 and phone_e164 = any($2::text[])`,
    [tenantId, phones],
  );
  return new Map(rows.map((r) => [r.phone_e164, { id: r.id, optedOut: r.opted_out }]));
}
