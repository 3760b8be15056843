import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import type { Queryable } from '../../db/queryable.js';
import { touchConversations } from '../../db/messaging/conversation-store.js';
import { classifyInbound, type InboundKeyword } from '../../domain/messaging/inbound-keywords.js';
import { countSegments } from '../../domain/messaging/sms-segments.js';
import { smsCost } from '../../domain/messaging/pricing.js';
import { numberOwner } from '../../db/messaging/number-owner.js';
import { loadTenantMessaging, type TenantMessaging } from './tenant-messaging.js';
import { recordWebhookEvent } from '../../db/messaging/webhook-events.js';
import { withTenant } from '../../db/tenant-scope.js';

export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
}

export interface InboundOutcome {
  /** False when no tenant owns the number the message was sent to. */
  routed: boolean;
  /** True when this delivery was seen before: nothing changed and nothing is answered. */
  duplicate: boolean;
  tenantId?: number;
  conversationId?: number;
  messageId?: number;
  keyword?: InboundKeyword | null;
  /** The text to answer in TwiML, when the message was a keyword. */
  reply?: string;
}

/**
 * An SMS from a contact: delivered only to the tenant that owns the number it was sent to (a number
 * nobody owns is dropped, nothing stored), stored once (a repeated delivery
 * of the same MessageSid changes nothing), threaded into the (tenant number, contact number)
 * conversation, and a STOP/START/HELP keyword acted on with the tenant's reply.
 */
export async function receiveInboundSms(pool: pg.Pool, sms: InboundSms, provider = 'twilio'): Promise<InboundOutcome> {
  const tenantId = await numberOwner(pool, sms.to);
  if (!tenantId) return { routed: false, duplicate: false };
  return withTenant(tenantId, () => receiveForTenant(pool, tenantId, sms, provider));
}

async function receiveForTenant(pool: pg.Pool, tenantId: number, sms: InboundSms, provider: string): Promise<InboundOutcome> {
  const tenant = await loadTenantMessaging(pool, tenantId);
  return inTransaction(pool, async (sql) => {
    if (!(await recordWebhookEvent(sql, provider, `inbound:${sms.messageSid}`, tenantId))) return { routed: true, duplicate: true, tenantId };
    const contactId = await contactFor(sql, tenantId, sms.from);
    const keyword = classifyInbound(sms.body);
    if (keyword === 'opt_out') await optOut(sql, contactId, `Replied ${sms.body.trim().toUpperCase()}`);
    if (keyword === 'opt_in') await optIn(sql, contactId);
    const threads = await touchConversations(sql, tenantId, sms.to, [{ contactNumber: sms.from, contactId }], sms.body, 'inbound');
    const conversationId = threads.get(sms.from)!;
    const count = countSegments(sms.body);
    const stored = await sql.query<{ id: number }>(
      `insert into messages (tenant_id, conversation_id, contact_id, direction, from_number, to_number, body, encoding, segments, status, provider, provider_message_id)
       values ($1, $2, $3, 'inbound', $4, $5, $6, $7, $8, 'received', $9, $10) returning id`,
      [tenantId, conversationId, contactId, sms.from, sms.to, sms.body, count.encoding, count.segments, provider, sms.messageSid],
    );
    const reply = replyFor(keyword, tenant);
    if (reply) await recordReply(sql, tenant, conversationId, contactId, sms, reply, provider);
    return { routed: true, duplicate: false, tenantId, conversationId, messageId: stored.rows[0].id, keyword, reply };
  });
}

function replyFor(keyword: InboundKeyword | null, tenant: TenantMessaging): string | undefined {
  if (keyword === 'help') return tenant.helpText;
  if (keyword === 'opt_out') return tenant.optOutText;
  if (keyword === 'opt_in') return tenant.optInText;
  return undefined;
}

/** The contact behind a number, created when unknown so an opt-out is remembered even for strangers. */
async function contactFor(sql: Queryable, tenantId: number, phone: string): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `insert into contacts (tenant_id, phone_e164) values ($1, $2)
     on conflict (tenant_id, phone_e164) where phone_e164 is not null do update set updated_at = contacts.updated_at
     returning id`,
    [tenantId, phone],
  );
  return rows[0].id;
}

async function optOut(sql: Queryable, contactId: number, reason: string) {
  await sql.query(`update contacts set is_opted_in = false, opt_out_at = now(), opt_out_reason = $2, updated_at = now() where id = $1`, [contactId, reason]);
}

async function optIn(sql: Queryable, contactId: number) {
  await sql.query(`update contacts set is_opted_in = true, opt_in_at = now(), opt_out_at = null, opt_out_reason = null, updated_at = now() where id = $1`, [contactId]);
}

/** The TwiML reply goes out through the provider without an id of its own; it is kept for the thread. */
async function recordReply(sql: Queryable, tenant: TenantMessaging, conversationId: number, contactId: number, sms: InboundSms, reply: string, provider: string) {
  const count = countSegments(reply);
  await sql.query(
    `insert into messages (tenant_id, conversation_id, contact_id, direction, from_number, to_number, body, encoding, segments, cost, currency, status, provider, sent_at)
     values ($1, $2, $3, 'outbound', $4, $5, $6, $7, $8, $9, $10, 'sent', $11, now())`,
    [tenant.tenantId, conversationId, contactId, sms.to, sms.from, reply, count.encoding, count.segments, smsCost(count.segments, tenant.price), tenant.price.currency, provider],
  );
  await sql.query(`update conversations set message_count = message_count + 1, last_message_at = now(), last_message_text = left($2, 200) where id = $1`, [conversationId, reply]);
}
