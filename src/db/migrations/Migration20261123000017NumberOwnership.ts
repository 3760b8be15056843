import { Migration } from '@mikro-orm/migrations';

/**
 * Who owns a sender. The numbers registry (`tenant_numbers`, already unique on the phone number across
 * all tenants) now also holds every number bought as a channel, tied to its channel so releasing the
 * channel unregisters it; numbers bought before this migration are given to their buyer, and any other
 * tenant's registration of them is removed. Inbound routing reads the owner through `xt_number_owner`,
 * the one lookup across tenants. Alphanumeric sender IDs get a registry of their own, one tenant per ID
 * whatever its case.
 */
export class Migration20261123000017NumberOwnership extends Migration {
  override up(): void {
    this.addSql(`
      alter table tenant_numbers add column channel_id uuid references channels(id) on delete cascade;
      create unique index tenant_numbers_channel on tenant_numbers (channel_id) where channel_id is not null;

      delete from tenant_numbers n using channels c
       where c.status = 'active' and c.phone_number = n.phone_e164 and c.tenant_id <> n.tenant_id;
      update tenant_numbers n set channel_id = c.id
        from channels c
       where c.status = 'active' and c.phone_number = n.phone_e164 and c.tenant_id = n.tenant_id;
      insert into tenant_numbers (tenant_id, phone_e164, friendly_name, is_default, channel_id)
      select c.tenant_id, c.phone_number, c.name, false, c.id from channels c where c.status = 'active'
      on conflict (phone_e164) do nothing;

      create function xt_number_owner(phone text) returns bigint
        language sql stable security definer set search_path = public
        as $$ select tenant_id from tenant_numbers where phone_e164 = phone $$;

      create table tenant_sender_ids (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        sender_id text not null check (sender_id ~ '^[A-Za-z0-9 ]{1,11}$' and sender_id ~ '[A-Za-z]'),
        created_at timestamptz not null default now()
      );
      create unique index tenant_sender_ids_sender on tenant_sender_ids (upper(sender_id));
      create index tenant_sender_ids_tenant on tenant_sender_ids (tenant_id);
    `);
  }
}
