import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys for every create: a key is scoped to one endpoint (tenant, user, method, path),
 * the replay carries the headers the handler set, and expired keys are purged across tenants by a
 * security-definer function (the housekeeping job runs outside any tenant scope).
 */
export class Migration20261123000020IdempotencyEverywhere extends Migration {
  override up(): void {
    this.addSql(`
      alter table idempotency_keys add column response_headers jsonb;
      drop index idempotency_keys_per_user;
      create unique index idempotency_keys_per_endpoint on idempotency_keys (tenant_id, user_id, method, path, key);

      -- The 24 hours are seed 004's replay window (the same as REPLAY_WINDOW in idempotency-store.ts).
      create function xt_purge_expired_idempotency_keys() returns bigint
      language sql security definer set search_path = public as $$
        with gone as (delete from idempotency_keys where created_at < now() - interval '24 hours' returning 1)
        select count(*) from gone
      $$;
    `);
  }
}
