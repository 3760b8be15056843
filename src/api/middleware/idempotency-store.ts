import type pg from 'pg';

export interface IdempotentRequest {
  tenantId: number;
  userId: number;
  key: string;
  method: string;
  path: string;
  hash: string;
}

export type Claim =
  | { kind: 'claimed'; id: number }
  | { kind: 'seen'; method: string; path: string; hash: string; status: number | null; body: unknown };

/** Keys answer for 24 hours; a claim never answered (its process died) is given up after 5 minutes. */
const REPLAY_WINDOW = `interval '24 hours'`;
const ABANDONED_AFTER = `interval '5 minutes'`;

/**
 * Claims a key by inserting its row first: the unique (tenant, user, key) index makes a concurrent
 * duplicate wait for the first insert and then see it, so two identical requests never both run.
 */
export async function claimKey(pool: pg.Pool, r: IdempotentRequest): Promise<Claim> {
  const claimed = await pool.query<{ id: number }>(
    `insert into idempotency_keys (tenant_id, user_id, key, method, path, request_hash)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, user_id, key) do update
       set method = excluded.method, path = excluded.path, request_hash = excluded.request_hash,
           response_status = null, response_body = null, completed_at = null, created_at = now()
     where idempotency_keys.created_at < now() - ${REPLAY_WINDOW}
        or (idempotency_keys.completed_at is null and idempotency_keys.created_at < now() - ${ABANDONED_AFTER})
     returning id`,
    [r.tenantId, r.userId, r.key, r.method, r.path, r.hash],
  );
  if (claimed.rows[0]) return { kind: 'claimed', id: claimed.rows[0].id };
  const seen = await pool.query<{ method: string; path: string; request_hash: string; response_status: number | null; response_body: unknown }>(
    `select method, path, request_hash, response_status, response_body from idempotency_keys where tenant_id = $1 and user_id = $2 and key = $3`,
    [r.tenantId, r.userId, r.key],
  );
  const row = seen.rows[0];
  // Deleted between the two statements (its request failed): the caller may simply try again.
  if (!row) return claimKey(pool, r);
  return { kind: 'seen', method: row.method, path: row.path, hash: row.request_hash, status: row.response_status, body: row.response_body };
}

export async function completeKey(pool: pg.Pool, id: number, status: number, body: unknown): Promise<void> {
  await pool.query(`update idempotency_keys set response_status = $2, response_body = $3::jsonb, completed_at = now() where id = $1`, [id, status, JSON.stringify(body ?? null)]);
}

/** A request that failed leaves no answer to replay: its key may be used again. */
export async function releaseKey(pool: pg.Pool, id: number): Promise<void> {
  await pool.query(`delete from idempotency_keys where id = $1`, [id]);
}

/** Rows past the replay window; for a periodic clean-up job. */
export async function purgeExpiredKeys(pool: pg.Pool): Promise<number> {
  const res = await pool.query(`delete from idempotency_keys where created_at < now() - ${REPLAY_WINDOW}`);
  return res.rowCount ?? 0;
}
