import type { Queryable } from '../queryable.js';
import { FAILURE_STATUSES, sqlCanTransition, type MessageStatus } from '../../domain/messaging/outbound-sms.js';

/** One outbound message about to be handed to the provider. */
export interface NewOutboundMessage {
  conversationId: number | null;
  contactId: number | null;
  from: string | null;
  to: string;
  body: string;
  encoding: string;
  segments: number;
  cost: number;
  currency: string;
  provider: string;
  campaignId?: number | null;
  templateId?: number | null;
}

/**
 * Writes a batch of outbound messages as `queued` in one statement, before any provider call, so a
 * crash mid-send leaves a row to reconcile rather than a message nobody knows about. Returns the ids in
 * input order.
 */
export async function insertOutboundMessages(sql: Queryable, tenantId: number, createdBy: number | null, messages: NewOutboundMessage[]): Promise<number[]> {
  if (!messages.length) return [];
  const col = <K extends keyof NewOutboundMessage>(k: K) => messages.map((m) => m[k] ?? null);
  // Identity values follow the ordered insert, so sorting by id gives input order back.
  const { rows } = await sql.query<{ id: number }>(
    `with input as (
       select * from unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::numeric[], $11::text[], $12::text[], $13::bigint[], $14::bigint[])
         with ordinality as t(conversation_id, contact_id, from_number, to_number, body, encoding, segments, cost, currency, provider, campaign_id, template_id, ord)
     ), inserted as (
       insert into messages (tenant_id, created_by, direction, status, conversation_id, contact_id, from_number, to_number, body, encoding, segments, cost, currency, provider, campaign_id, template_id)
       select $1, $2, 'outbound', 'queued', conversation_id, contact_id, from_number, to_number, body, encoding, segments, cost, currency, provider, campaign_id, template_id
       from input order by ord
       returning id
     )
     select id from inserted order by id`,
    [tenantId, createdBy, col('conversationId'), col('contactId'), col('from'), col('to'), col('body'), col('encoding'), col('segments'), col('cost'), col('currency'), col('provider'), col('campaignId'), col('templateId')],
  );
  return rows.map((r) => r.id);
}

const FAILURES = FAILURE_STATUSES.map((s) => `'${s}'`).join(', ');

/** Timestamps that follow from reaching `$status` (a text parameter), kept when already set. */
const STATUS_TIMESTAMPS = (p: string) => `
  sent_at = case when ${p} in ('sent', 'delivered', 'read') then coalesce(sent_at, now()) else sent_at end,
  delivered_at = case when ${p} in ('delivered', 'read') then coalesce(delivered_at, now()) else delivered_at end,
  read_at = case when ${p} = 'read' then coalesce(read_at, now()) else read_at end,
  failed_at = case when ${p} in (${FAILURES}) then coalesce(failed_at, now()) else failed_at end,
  updated_at = now()`;

/** Records the provider's answer to a send; the status only moves forward (a callback may have come first). */
export async function markAccepted(sql: Queryable, messageId: number, providerMessageId: string, status: MessageStatus): Promise<void> {
  await sql.query(
    `update messages set provider_message_id = $2,
       status = case when ${sqlCanTransition('status', '$3::text')} then $3 else status end,
       ${STATUS_TIMESTAMPS(`(case when ${sqlCanTransition('status', '$3::text')} then $3::text else '' end)`)}
     where id = $1`,
    [messageId, providerMessageId, status],
  );
}

/** A send the provider refused: failed, with its reason, and nothing charged (unless a callback proved it went out). */
export async function markRefused(sql: Queryable, messageId: number, errorCode: string | null, errorMessage: string): Promise<void> {
  await sql.query(
    `update messages set status = 'failed', cost = 0, error_code = $2, error_message = left($3, 1000), failed_at = now(), updated_at = now()
     where id = $1 and provider_message_id is null and ${sqlCanTransition('status', "'failed'")}`,
    [messageId, errorCode, errorMessage],
  );
}

/** Keeps the reason a send's outcome is unknown, without deciding its status. */
export async function noteError(sql: Queryable, messageId: number, errorCode: string | null, errorMessage: string): Promise<void> {
  await sql.query('update messages set error_code = $2, error_message = left($3, 1000), updated_at = now() where id = $1', [messageId, errorCode, errorMessage]);
}

/** Whether another message than `exceptId` already holds this provider id. */
export async function isKnownProviderId(sql: Queryable, providerMessageId: string, exceptId: number): Promise<boolean> {
  const { rowCount } = await sql.query('select 1 from messages where provider_message_id = $1 and id <> $2', [providerMessageId, exceptId]);
  return (rowCount ?? 0) > 0;
}

export interface ProviderStatusUpdate {
  providerMessageId: string;
  status: MessageStatus;
  /** Our id from the callback URL: finds a message whose send answer (with the SID) was never recorded. */
  messageId?: number | null;
  errorCode?: string | null;
}

export interface AppliedStatus {
  found: boolean;
  changed: boolean;
  messageId?: number;
  tenantId?: number;
  campaignId?: number | null;
  status?: string;
}

/**
 * Applies a delivery update. Idempotent and order-proof: the status only moves forward, so a repeated or
 * late callback changes nothing. Answers whether the message exists and whether this update moved it.
 */
export async function applyProviderStatus(sql: Queryable, update: ProviderStatusUpdate): Promise<AppliedStatus> {
  const params = [update.providerMessageId, update.status, update.messageId ?? null, update.errorCode ?? null];
  const match = `(provider_message_id = $1 or (id = $3::bigint and provider_message_id is null))`;
  const changed = await sql.query<{ id: number; tenant_id: number; campaign_id: number | null; status: string }>(
    `update messages set status = $2, provider_message_id = coalesce(provider_message_id, $1),
       error_code = coalesce($4, error_code), ${STATUS_TIMESTAMPS('$2::text')}
     where ${match} and ${sqlCanTransition('status', '$2::text')}
     returning id, tenant_id, campaign_id, status`,
    params,
  );
  const row = changed.rows[0];
  if (row) return { found: true, changed: true, messageId: row.id, tenantId: row.tenant_id, campaignId: row.campaign_id, status: row.status };
  const existing = await sql.query<{ id: number; tenant_id: number; campaign_id: number | null; status: string }>(
    `select id, tenant_id, campaign_id, status from messages where provider_message_id = $1 or (id = $2::bigint and provider_message_id is null) limit 1`,
    [update.providerMessageId, update.messageId ?? null],
  );
  const e = existing.rows[0];
  return e ? { found: true, changed: false, messageId: e.id, tenantId: e.tenant_id, campaignId: e.campaign_id, status: e.status } : { found: false, changed: false };
}
