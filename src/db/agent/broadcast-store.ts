import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Tier } from '../../domain/agent/tiers.js';

export interface BroadcastRow {
  id: number;
  tenant_id: number;
  message_id: string;
  message: string;
  tier_filter: Tier[];
  message_type: string;
  status: 'queued' | 'sending' | 'completed' | 'failed';
  recipients_count: number;
  sent_count: number;
  failed_count: number;
  created_at: Date;
  completed_at: Date | null;
}

/** `broadcast_YYYYMMDD_<random>`: seed 002's shape, unique without a per-day counter. */
export function newBroadcastId(now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `broadcast_${day}_${randomBytes(4).toString('hex')}`;
}

export async function insertBroadcast(pool: pg.Pool, tenantId: number, b: { messageId: string; message: string; tiers: Tier[]; messageType: string }): Promise<BroadcastRow> {
  const { rows } = await pool.query<BroadcastRow>(
    `insert into broadcasts (tenant_id, message_id, message, tier_filter, message_type, recipients_count)
     values ($1, $2, $3, $4, $5, (select count(*) from agent_users where tenant_id = $1 and tier = any($6))) returning *`,
    [tenantId, b.messageId, b.message, JSON.stringify(b.tiers), b.messageType, b.tiers],
  );
  return rows[0];
}

export async function findBroadcast(pool: pg.Pool, tenantId: number, messageId: string): Promise<BroadcastRow | null> {
  const { rows } = await pool.query<BroadcastRow>(`select * from broadcasts where tenant_id = $1 and message_id = $2`, [tenantId, messageId]);
  return rows[0] ?? null;
}

export async function markBroadcastFailed(pool: pg.Pool, id: number): Promise<void> {
  await pool.query(`update broadcasts set status = 'failed', completed_at = now() where id = $1`, [id]);
}

/** The tenant's latest broadcasts, newest first. */
export async function listBroadcasts(pool: pg.Pool, tenantId: number, limit: number): Promise<BroadcastRow[]> {
  const { rows } = await pool.query<BroadcastRow>(`select * from broadcasts where tenant_id = $1 order by created_at desc, id desc limit $2`, [tenantId, limit]);
  return rows;
}
