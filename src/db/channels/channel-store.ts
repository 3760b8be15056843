import type pg from 'pg';
import { inTransaction } from '../transaction.js';
import { registerBoughtNumber, unregisterChannelNumber } from '../messaging/tenant-numbers.js';
import type { ChannelType } from '../../domain/channels/channel-types.js';
import type { NumberCapabilities, PurchasedNumber } from '../../domain/channels/number-purchase.js';
import type { Queryable } from '../queryable.js';

export interface ChannelRow {
  id: string;
  tenant_id: number;
  name: string;
  phone_number: string;
  country_code: string;
  iso_country: string;
  type: ChannelType;
  status: 'active' | 'released';
  capabilities: NumberCapabilities;
  is_mock: boolean;
  twilio_sid: string | null;
  provider: string;
  created_by: number | null;
  workflow_id: string | null;
  created_at: Date;
  released_at: Date | null;
}

export interface NewChannel {
  id: string;
  tenantId: number;
  userId: number;
  name: string;
  type: ChannelType;
  workflowId: string;
  number: PurchasedNumber;
}

/** The active-number index: one live channel per phone number across all tenants. */
export const ACTIVE_PHONE_CONSTRAINT = 'channels_active_phone';

/**
 * Inserts once per channel id, and registers the number to its buyer in the same transaction (so it is
 * the tenant's for sending and inbound at once): a retried store finds its own row and answers with it.
 */
export async function insertChannel(pool: pg.Pool, c: NewChannel): Promise<ChannelRow> {
  const n = c.number;
  return inTransaction(pool, async (sql) => {
    const inserted = await sql.query<ChannelRow>(
      `insert into channels (id, tenant_id, created_by, name, phone_number, country_code, iso_country, type, capabilities, is_mock, twilio_sid, provider, workflow_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict (id) do nothing returning *`,
      [c.id, c.tenantId, c.userId, c.name, n.phoneNumber, n.countryCode, n.isoCountry, c.type, JSON.stringify(n.capabilities), n.isMock, n.sid, n.isMock ? 'simulated' : 'twilio', c.workflowId],
    );
    if (inserted.rows[0]) {
      await registerBoughtNumber(sql, c.tenantId, { id: c.id, name: c.name, phoneNumber: n.phoneNumber });
      return inserted.rows[0];
    }
    const { rows } = await sql.query<ChannelRow>(`select * from channels where id = $1`, [c.id]);
    return rows[0];
  });
}

/** A live channel of the tenant; null when absent, released, another tenant's, or the id is no uuid. */
export async function findChannel(db: Queryable, tenantId: number, id: string): Promise<ChannelRow | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const { rows } = await db.query<ChannelRow>(`select * from channels where tenant_id = $1 and id = $2 and status = 'active'`, [tenantId, id]);
  return rows[0] ?? null;
}

export async function listChannels(db: Queryable, tenantId: number, filter: { type?: ChannelType }): Promise<ChannelRow[]> {
  const { rows } = await db.query<ChannelRow>(
    `select * from channels where tenant_id = $1 and status = 'active' and ($2::text is null or type = $2) order by created_at desc, id limit 500`,
    [tenantId, filter.type ?? null],
  );
  return rows;
}

/** Marks the channel's number given back and unregisters it; the row stays for the record. */
export async function markChannelReleased(pool: pg.Pool, id: string): Promise<void> {
  await inTransaction(pool, async (sql) => {
    await sql.query(`update channels set status = 'released', released_at = coalesce(released_at, now()) where id = $1`, [id]);
    await unregisterChannelNumber(sql, id);
  });
}
