import { Migration } from '@mikro-orm/migrations';

/**
 * Uploads cannot fill the disk: an upload remembers when its chunk files were deleted (until then its
 * declared size counts against the tenant's bytes in flight), an unfinished upload can expire, and the
 * periodic housekeeping reaches every tenant through the security-definer functions below — the only
 * cross-tenant path to these tables (src/db/housekeeping/cross-tenant-housekeeping.ts calls them).
 */
export class Migration20261123000021UploadHousekeeping extends Migration {
  override up(): void {
    this.addSql(`
      alter table uploads add column chunks_deleted_at timestamptz;
      alter table uploads drop constraint uploads_status_check;
      alter table uploads add constraint uploads_status_check check (status in ('uploading', 'completed', 'expired'));
      create index uploads_chunks_held on uploads (tenant_id) where chunks_deleted_at is null;

      -- Unfinished uploads older than the TTL stop accepting chunks; their files are deleted next.
      create function xt_expire_stale_uploads(ttl interval) returns bigint
        language sql security definer set search_path = public as $$
          with expired as (
            update uploads set status = 'expired', updated_at = now()
             where status = 'uploading' and created_at < now() - ttl
            returning 1)
          select count(*) from expired
        $$;

      -- Uploads whose chunk files are no longer needed: expired ones, and completed ones whose import ended.
      create function xt_uploads_with_disposable_chunks(max_rows integer) returns table (tenant_id bigint, upload_id uuid)
        language sql stable security definer set search_path = public as $$
          select u.tenant_id, u.id from uploads u
           where u.chunks_deleted_at is null
             and (u.status = 'expired'
                  or (u.status = 'completed'
                      and exists (select 1 from tasks t where t.task_id = u.task_id and t.status in ('completed', 'failed', 'cancelled'))))
           order by u.id
           limit max_rows
        $$;

      -- Called once the files are gone: the upload's declared size stops counting as bytes in flight.
      create function xt_mark_upload_chunks_deleted(upload_ids uuid[]) returns bigint
        language sql security definer set search_path = public as $$
          with marked as (
            update uploads set chunks_deleted_at = now(), updated_at = now()
             where id = any(upload_ids) and chunks_deleted_at is null
            returning 1)
          select count(*) from marked
        $$;
    `);
  }
}
