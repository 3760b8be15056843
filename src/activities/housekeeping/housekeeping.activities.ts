import { Context } from '@temporalio/activity';
import type { ActivityDeps } from '../activity-deps.js';
import { LocalDiskStorage } from '../../domain/storage/local-disk-storage.js';
import { chunksPrefix } from '../../domain/uploads/upload-keys.js';
import { expireStaleUploads, markUploadChunksDeleted, purgeExpiredIdempotencyKeys, uploadsWithDisposableChunks } from '../../db/housekeeping/cross-tenant-housekeeping.js';

const PAGE_SIZE = 100;
/** Pages per call, so one activity never runs unbounded; the next scheduled run goes on from there. */
const MAX_PAGES = 50;

/** The periodic clean-up across all tenants; every step is idempotent, so a retry or an overlap is harmless. */
export function createHousekeepingActivities(deps: Pick<ActivityDeps, 'db' | 'config'>) {
  const pool = deps.db.pool;
  const storage = new LocalDiskStorage(deps.config.dataDir);

  return {
    /** Unfinished uploads older than the TTL stop accepting chunks; `deleteDisposableChunks` then removes their files. */
    async expireStaleUploads(input: { ttlSeconds: number }): Promise<{ expired: number }> {
      return { expired: await expireStaleUploads(pool, input.ttlSeconds) };
    },

    /**
     * Deletes the chunk files of expired uploads and of uploads whose import has ended, then records
     * it, which frees their bytes from the tenant's quota. Files go first: a crash in between only
     * means the next run deletes nothing and records it.
     */
    async deleteDisposableChunks(input: { pageSize?: number } = {}): Promise<{ uploads: number }> {
      let cleaned = 0;
      for (let page = 0; page < MAX_PAGES; page++) {
        const uploads = await uploadsWithDisposableChunks(pool, input.pageSize ?? PAGE_SIZE);
        if (!uploads.length) break;
        for (const u of uploads) await storage.delete(chunksPrefix(u.tenantId, u.uploadId));
        cleaned += await markUploadChunksDeleted(pool, uploads.map((u) => u.uploadId));
        Context.current().heartbeat({ cleaned });
      }
      return { uploads: cleaned };
    },

    /** Idempotency keys past their 24-hour replay window. */
    async purgeExpiredIdempotencyKeys(): Promise<{ purged: number }> {
      return { purged: await purgeExpiredIdempotencyKeys(pool) };
    },
  };
}
