import type pg from 'pg';
import { inTransaction } from '../transaction.js';
import type { Queryable } from '../queryable.js';
import { conflict, DomainError, fieldError, notFound } from '../../domain/shared/errors.js';
import { providerFailureCode } from '../../domain/shared/business-codes.js';
import { SmsProviderError, type SmsProvider } from '../../domain/messaging/sms-provider.js';

const VIEW = 'id, phone_e164, friendly_name, is_default, channel_id, created_at';

/** The registry's unique index on the phone number: a number is owned by one tenant at most. */
export const NUMBER_REGISTRY_CONSTRAINT = 'tenant_numbers_phone_e164_key';

interface NewTenantNumber {
  phoneE164: string;
  friendlyName?: string;
  isDefault?: boolean;
}

/**
 * The numbers a tenant sends from and receives on: the registry inbound routing and sender checks read.
 * A number gets in only with proof that the tenant owns it: bought as its channel
 * (`registerBoughtNumber`, in the channel's own transaction), or held by the provider account
 * (`registerProvenNumber`). A number belongs to one tenant only (a unique index); one may be the default sender.
 */
export async function listTenantNumbers(pool: pg.Pool, tenantId: number) {
  const { rows } = await pool.query(`select ${VIEW} from tenant_numbers where tenant_id = $1 order by is_default desc, id`, [tenantId]);
  return rows;
}

/** A number the tenant says it holds at the provider: registered once the provider confirms it. */
export async function registerProvenNumber(pool: pg.Pool, provider: SmsProvider, tenantId: number, input: NewTenantNumber) {
  if (!(await providerOwns(provider, input.phoneE164))) {
    throw fieldError('phone_number', `${input.phoneE164} is not held by this platform's ${provider.name} account: buy a number with POST /api/channels/generate-phone-number, or add it to the account first.`);
  }
  return inTransaction(pool, (sql) => insertTenantNumber(sql, tenantId, input, null)).catch((err: { constraint?: string }) => {
    if (err.constraint === NUMBER_REGISTRY_CONSTRAINT) throw fieldError('phone_number', 'This number is already registered.');
    throw err;
  });
}

/** The number of a channel just bought, registered to its buyer in the channel's transaction. */
export async function registerBoughtNumber(sql: Queryable, tenantId: number, channel: { id: string; name: string; phoneNumber: string }) {
  return insertTenantNumber(sql, tenantId, { phoneE164: channel.phoneNumber, friendlyName: channel.name }, channel.id);
}

/** Unregisters a number; a channel's number goes only with its channel (released at the provider). */
export async function removeTenantNumber(pool: pg.Pool, tenantId: number, id: number) {
  const { rows } = await pool.query<{ channel_id: string | null }>('select channel_id from tenant_numbers where tenant_id = $1 and id = $2', [tenantId, id]);
  if (!rows[0]) throw notFound('Number not found.');
  if (rows[0].channel_id) throw conflict(`This number belongs to channel ${rows[0].channel_id}: release it with DELETE /api/channels/${rows[0].channel_id}.`);
  await pool.query('delete from tenant_numbers where tenant_id = $1 and id = $2 and channel_id is null', [tenantId, id]);
}

/** A released channel's number is no longer the tenant's. */
export async function unregisterChannelNumber(sql: Queryable, channelId: string) {
  await sql.query('delete from tenant_numbers where channel_id = $1', [channelId]);
}

async function insertTenantNumber(sql: Queryable, tenantId: number, input: NewTenantNumber, channelId: string | null) {
  if (input.isDefault) await sql.query('update tenant_numbers set is_default = false where tenant_id = $1', [tenantId]);
  const { rows } = await sql.query(
    `insert into tenant_numbers (tenant_id, phone_e164, friendly_name, is_default, channel_id)
     values ($1, $2, coalesce($3, ''), coalesce($4, not exists (select 1 from tenant_numbers where tenant_id = $1)), $5)
     returning ${VIEW}`,
    [tenantId, input.phoneE164, input.friendlyName, input.isDefault, channelId],
  );
  return rows[0];
}

async function providerOwns(provider: SmsProvider, phoneE164: string): Promise<boolean> {
  try {
    return await provider.ownsNumber(phoneE164);
  } catch (err) {
    if (!(err instanceof SmsProviderError)) throw err;
    throw new DomainError(err.retryable ? 'UNAVAILABLE' : 'PROVIDER_ERROR', `The SMS provider could not confirm the number: ${err.message}`, undefined, undefined, providerFailureCode(err.retryable));
  }
}
