import type pg from 'pg';

export interface IdempotentRequest {
  tenantId: number;
  userId: number;
  key: string;
  method: string;
  path: string;
  hash: string;
}

/** The answer a key replays: status, JSON body and the headers the handler set. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Claim = { kind: 'claimed'; id: number } | { kind: 'seen'; hash: string; answer: StoredAnswer | null };

/** Keys answer for 24 hours; a claim never answered (its process died) is given up after 5 minutes. */
const REPLAY_WINDOW = `interval '24 hours'`;
const ABANDONED_AFTER = `interval '5 minutes'`;

/**
 * Claims a key by inserting its row first: the unique (tenant, user, method, path, key) index makes a
 * concurrent duplicate wait for the first insert and then see it, so two identical requests never both run.
 */
export async function claimKey(pool: pg.Pool, r: IdempotentRequest): Promise<Claim> {
  const claimed = await pool.query<{ id: number }>(
    `insert into idempotency_keys (tenant_id, user_id, key, method, path, request_hash)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, user_id, method, path, key) do update
       set request_hash = excluded.request_hash, response_status = null, response_body = null,
           response_headers = null, completed_at = null, created_at = now()
     where idempotency_keys.created_at < now() - ${REPLAY_WINDOW}
        or (idempotency_keys.completed_at is null and idempotency_keys.created_at < now() - ${ABANDONED_AFTER})
     returning id`,
    [r.tenantId, r.userId, r.key, r.method, r.path, r.hash],
  );
  if (claimed.rows[0]) return { kind: 'claimed', id: claimed.rows[0].id };
  const seen = await pool.query<{ request_hash: string; response_status: number | null; response_body: unknown; response_headers: Record<string, string> | null }>(
    `select request_hash, response_status, response_body, response_headers from idempotency_keys
     where tenant_id = $1 and user_id = $2 and method = $3 and path = $4 and key = $5`,
    [r.tenantId, r.userId, r.method, r.path, r.key],
  );
  const row = seen.rows[0];
  // Deleted between the two statements (its request failed): the caller may simply try again.
  if (!row) return claimKey(pool, r);
  const answer = row.response_status === null ? null : { status: row.response_status, body: row.response_body, headers: row.response_headers ?? {} };
  return { kind: 'seen', hash: row.request_hash, answer };
}

export async function completeKey(pool: pg.Pool, id: number, answer: StoredAnswer): Promise<void> {
  await pool.query(
    `update idempotency_keys set response_status = $2, response_body = $3::jsonb, response_headers = $4::jsonb, completed_at = now() where id = $1`,
    [id, answer.status, JSON.stringify(answer.body ?? null), JSON.stringify(answer.headers)],
  );
}

/** A request that failed leaves no answer to replay: its key may be used again. */
export async function releaseKey(pool: pg.Pool, id: number): Promise<void> {
  await pool.query(`delete from idempotency_keys where id = $1`, [id]);
}
