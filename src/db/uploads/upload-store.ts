import type { Queryable } from '../queryable.js';

export interface UploadRow {
  id: string;
  tenant_id: number;
  user_id: number;
  file_name: string;
  file_size: number;
  total_chunks: number;
  status: 'uploading' | 'completed' | 'expired';
  task_id: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export interface ChunkRow {
  chunk_index: number;
  size: number;
}

/** The uploads and upload_chunks tables; every read is scoped to a tenant. */
export class UploadStore {
  constructor(private readonly db: Queryable) {}

  async create(u: { id: string; tenantId: number; userId: number; fileName: string; fileSize: number; totalChunks: number }): Promise<UploadRow> {
    const { rows } = await this.db.query<UploadRow>(
      `insert into uploads (id, tenant_id, user_id, file_name, file_size, total_chunks) values ($1, $2, $3, $4, $5, $6) returning *`,
      [u.id, u.tenantId, u.userId, u.fileName, u.fileSize, u.totalChunks],
    );
    return rows[0];
  }

  /**
   * The declared bytes of the tenant's uploads whose chunk files are still held, under a transaction
   * lock per tenant so two concurrent inits cannot both fit in the last of the quota.
   */
  async lockBytesInFlight(tenantId: number): Promise<number> {
    await this.db.query(`select pg_advisory_xact_lock(hashtext('upload-bytes-in-flight'), hashtext($1::text))`, [tenantId]);
    const { rows } = await this.db.query<{ n: string }>(`select coalesce(sum(file_size), 0) as n from uploads where tenant_id = $1 and chunks_deleted_at is null`, [tenantId]);
    return Number(rows[0].n);
  }

  async find(tenantId: number, uploadId: string, opts: { lock?: 'share' | 'update' } = {}): Promise<UploadRow | null> {
    const lock = opts.lock ? ` for ${opts.lock}` : '';
    const { rows } = await this.db.query<UploadRow>(`select * from uploads where tenant_id = $1 and id = $2${lock}`, [tenantId, uploadId]);
    return rows[0] ?? null;
  }

  /** Records a stored chunk (a retried index replaces its size) and answers how many distinct chunks arrived. */
  async recordChunk(uploadId: string, index: number, size: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `with up as (
         insert into upload_chunks (upload_id, chunk_index, size) values ($1, $2, $3)
         on conflict (upload_id, chunk_index) do update set size = excluded.size, received_at = now())
       select count(*)::int + (case when exists (select 1 from upload_chunks where upload_id = $1 and chunk_index = $2) then 0 else 1 end) as n
         from upload_chunks where upload_id = $1`,
      [uploadId, index, size],
    );
    return rows[0].n;
  }

  async chunks(uploadId: string): Promise<ChunkRow[]> {
    const { rows } = await this.db.query<ChunkRow>(`select chunk_index, size from upload_chunks where upload_id = $1 order by chunk_index`, [uploadId]);
    return rows;
  }

  async markCompleted(uploadId: string, taskId: string): Promise<void> {
    await this.db.query(`update uploads set status = 'completed', task_id = $2, completed_at = now(), updated_at = now() where id = $1`, [uploadId, taskId]);
  }
}

/** Chunk indexes in 0..total-1 that have not arrived. */
export function missingChunks(total: number, received: readonly ChunkRow[]): number[] {
  const have = new Set(received.map((c) => c.chunk_index));
  const missing: number[] = [];
  for (let i = 0; i < total; i++) if (!have.has(i)) missing.push(i);
  return missing;
}
