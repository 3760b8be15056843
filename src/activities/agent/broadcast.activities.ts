import type { ActivityDeps } from '../activity-deps.js';
import { resolveSender } from '../../db/messaging/sender.js';
import { markBroadcastFailed } from '../../db/agent/broadcast-store.js';

export interface BroadcastBatchInput {
  broadcastId: number;
  afterUserId: number;
  limit: number;
}

export interface BroadcastBatchResult {
  lastUserId: number;
  sent: number;
  failed: number;
  done: boolean;
}

/** Activities of a broadcast: send to one id page of recipients at a time, then close the broadcast. */
export function createBroadcastActivities(deps: Pick<ActivityDeps, 'db' | 'sms'>) {
  const pool = deps.db.pool;

  return {
    /**
     * Sends the broadcast to the next page of users in its tiers. Each recipient gets a delivery row
     * as soon as the provider answers, so a retried batch skips whoever was already texted.
     */
    async broadcastSendBatch(input: BroadcastBatchInput): Promise<BroadcastBatchResult> {
      const b = await pool.query<{ tenant_id: number; message: string; tier_filter: string[] }>('select tenant_id, message, tier_filter from broadcasts where id = $1', [input.broadcastId]);
      const broadcast = b.rows[0];
      const page = await pool.query<{ id: number; phone_number: string; delivered: boolean }>(
        `select u.id, u.phone_number, d.agent_user_id is not null as delivered
         from agent_users u left join broadcast_deliveries d on d.broadcast_id = $4 and d.agent_user_id = u.id
         where u.tenant_id = $1 and u.tier = any($2) and u.id > $3 order by u.id limit ${Math.floor(input.limit)}`,
        [broadcast.tenant_id, broadcast.tier_filter, input.afterUserId, input.broadcastId],
      );
      await pool.query(`update broadcasts set status = 'sending' where id = $1 and status = 'queued'`, [input.broadcastId]);
      const sender = await resolveSender(pool, broadcast.tenant_id, 'US');
      let sent = 0;
      let failed = 0;
      for (const user of page.rows) {
        if (user.delivered) continue;
        let outcome: { status: 'sent' | 'failed'; sid: string | null; error: string | null };
        try {
          const r = await deps.sms.send({ to: user.phone_number, from: sender.from, body: broadcast.message });
          outcome = { status: 'sent', sid: r.providerMessageId, error: null };
          sent++;
        } catch (err) {
          outcome = { status: 'failed', sid: null, error: (err as Error).message.slice(0, 500) };
          failed++;
        }
        await pool.query(
          `insert into broadcast_deliveries (broadcast_id, agent_user_id, status, provider_message_id, error) values ($1, $2, $3, $4, $5) on conflict do nothing`,
          [input.broadcastId, user.id, outcome.status, outcome.sid, outcome.error],
        );
      }
      await refreshCounts(pool, input.broadcastId);
      const last = page.rows.at(-1)?.id ?? input.afterUserId;
      return { lastUserId: last, sent, failed, done: page.rows.length < input.limit };
    },

    /** Marks the broadcast completed (or failed), with its final counts. */
    async broadcastFinish(input: { broadcastId: number; failed: boolean }): Promise<void> {
      if (input.failed) return markBroadcastFailed(pool, input.broadcastId);
      await refreshCounts(pool, input.broadcastId);
      await pool.query(`update broadcasts set status = 'completed', completed_at = coalesce(completed_at, now()) where id = $1`, [input.broadcastId]);
    },
  };
}

async function refreshCounts(pool: ActivityDeps['db']['pool'], broadcastId: number) {
  await pool.query(
    `update broadcasts b set sent_count = d.sent, failed_count = d.failed
     from (select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'failed')::int as failed
           from broadcast_deliveries where broadcast_id = $1) d
     where b.id = $1`,
    [broadcastId],
  );
}
