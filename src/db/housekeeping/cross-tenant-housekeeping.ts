import type pg from 'pg';

/**
 * The housekeeping's only way across tenants: thin calls to the security-definer `xt_` functions of
 * migration 21 (and 20), which run outside any tenant scope.
 */
export async function expireStaleUploads(pool: pg.Pool, ttlSeconds: number): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`select xt_expire_stale_uploads(make_interval(secs => $1)) as n`, [ttlSeconds]);
  return Number(rows[0].n);
}

export async function uploadsWithDisposableChunks(pool: pg.Pool, limit: number): Promise<{ tenantId: number; uploadId: string }[]> {
  const { rows } = await pool.query<{ tenant_id: string; upload_id: string }>(`select tenant_id, upload_id from xt_uploads_with_disposable_chunks($1)`, [limit]);
  return rows.map((r) => ({ tenantId: Number(r.tenant_id), uploadId: r.upload_id }));
}

export async function markUploadChunksDeleted(pool: pg.Pool, uploadIds: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`select xt_mark_upload_chunks_deleted($1::uuid[]) as n`, [uploadIds]);
  return Number(rows[0].n);
}

export async function purgeExpiredIdempotencyKeys(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`select xt_purge_expired_idempotency_keys() as n`);
  return Number(rows[0].n);
}
