import { Migration } from '@mikro-orm/migrations';

/**
 * The named cross-tenant reads of provider callbacks, which arrive before any tenant is known: each
 * answers only which tenant an event belongs to, as the owner (security definer), and the callback is
 * then handled inside that tenant's scope. Called from src/db/cross-tenant.ts alone.
 */
export class Migration20261123000031CrossTenantRouting extends Migration {
  override up(): void {
    this.addSql(`
      create function xt_message_tenant(provider_message_id text, message_id bigint) returns bigint
        language sql stable security definer set search_path = public
        as $$
          select m.tenant_id from messages m
          where m.provider_message_id = $1 or (m.id = $2 and m.provider_message_id is null)
          limit 1
        $$;

      create function xt_campaign_recipient_tenant(recipient_id bigint) returns bigint
        language sql stable security definer set search_path = public
        as $$ select r.tenant_id from campaign_recipients r where r.id = $1 $$;
    `);
  }
}
