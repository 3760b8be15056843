import { Migration } from '@mikro-orm/migrations';

/**
 * What phone_numbers carries besides its primary key and uniqueness, each for a read that needs it
 * (docs/performance.md lists them), and nothing a bulk write pays for per row without a read to show.
 *
 * - The two foreign keys checked every inserted row against tenants and users, one lookup per row
 *   (almost half of a generation's database time). Generation takes a key-share lock on the batch's
 *   tenant and user once per batch instead (src/activities/phone/generation-batch.ts), which is what
 *   the checks guaranteed, and deleting a tenant or a user still deletes its numbers: a statement-level
 *   trigger on each does what `on delete cascade` did, one statement per delete, as the owner (a
 *   cascade is not bound by row-level security either).
 * - (tenant_id, status) becomes (tenant_id, status, id): get-valid-numbers and the validation walk read
 *   one status in id order, which the old index could only filter.
 * - A trigram index on the number serves the digit search (`number like '%4155%'`), with the tenant as
 *   its first key (btree_gin), so a search meets only its own tenant's matches: a trigram index of the
 *   number alone handed a tenant searching 4155 every other tenant's 415-555 numbers to read and drop
 *   (309 ms against 20 ms). pg_trgm is installed by the contacts migration; both are trusted
 *   extensions. The pending list is larger than the default, so batches add to it and the merge into
 *   the index happens in fewer, larger steps (or in autovacuum).
 */
export class Migration20261123000036PhoneNumberWritePath extends Migration {
  override up(): void {
    this.addSql(`
      alter table phone_numbers drop constraint phone_numbers_tenant_id_fkey, drop constraint phone_numbers_user_id_fkey;

      create function phone_numbers_delete_with_tenant() returns trigger language plpgsql security definer set search_path = public as $$
      begin
        delete from phone_numbers where tenant_id in (select id from deleted_tenants);
        delete from phone_number_tallies where tenant_id in (select id from deleted_tenants);
        delete from phone_number_id_blocks where tenant_id in (select id from deleted_tenants);
        return null;
      end $$;
      create trigger phone_numbers_delete_with_tenant after delete on tenants
        referencing old table as deleted_tenants for each statement execute function phone_numbers_delete_with_tenant();

      create function phone_numbers_delete_with_user() returns trigger language plpgsql security definer set search_path = public as $$
      begin
        delete from phone_numbers where user_id in (select id from deleted_users);
        return null;
      end $$;
      create trigger phone_numbers_delete_with_user after delete on users
        referencing old table as deleted_users for each statement execute function phone_numbers_delete_with_user();

      drop index phone_numbers_tenant_status;
      create index phone_numbers_tenant_status_id on phone_numbers (tenant_id, status, id);

      create extension if not exists pg_trgm;
      create extension if not exists btree_gin;
      create index phone_numbers_tenant_number_trgm on phone_numbers using gin (tenant_id, number gin_trgm_ops) with (gin_pending_list_limit = 16384);
    `);
  }
}
