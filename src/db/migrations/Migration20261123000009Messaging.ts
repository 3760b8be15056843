import { Migration } from '@mikro-orm/migrations';

/**
 * Seed 004's messaging: the tenant's own numbers (which tenant an inbound SMS belongs to), conversations
 * threaded by (tenant number, contact number), every message in and out with its provider id and
 * status, templates, segments, and the webhook deliveries already handled (so a repeat changes nothing).
 */
export class Migration20261123000009Messaging extends Migration {
  override up(): void {
    this.addSql(`
      create table tenant_numbers (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        phone_e164 text not null unique,
        friendly_name text not null default '',
        is_default boolean not null default false,
        created_at timestamptz not null default now()
      );
      create index tenant_numbers_tenant on tenant_numbers (tenant_id);

      create table conversations (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        tenant_number text not null,
        contact_number text not null,
        contact_id bigint references contacts(id) on delete set null,
        subject text not null default '',
        status text not null default 'open' check (status in ('open', 'closed', 'archived')),
        assigned_to bigint references users(id) on delete set null,
        message_count integer not null default 0,
        unread_count integer not null default 0,
        last_message_at timestamptz,
        last_message_text text not null default '',
        metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, tenant_number, contact_number)
      );
      create index conversations_tenant_recent on conversations (tenant_id, last_message_at desc nulls last, id desc);
      create index conversations_contact on conversations (contact_id) where contact_id is not null;

      create table messages (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        conversation_id bigint references conversations(id) on delete set null,
        contact_id bigint references contacts(id) on delete set null,
        campaign_id bigint,
        template_id bigint,
        direction text not null check (direction in ('outbound', 'inbound')),
        from_number text,
        to_number text not null,
        body text not null,
        encoding text not null default 'GSM-7',
        segments integer not null default 1 check (segments >= 0),
        cost numeric(14, 4) not null default 0,
        currency text not null default 'USD',
        status text not null
          check (status in ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'undelivered', 'canceled', 'received')),
        provider text not null,
        provider_message_id text unique,
        error_code text,
        error_message text,
        created_by bigint references users(id) on delete set null,
        sent_at timestamptz,
        delivered_at timestamptz,
        read_at timestamptz,
        failed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index messages_tenant_recent on messages (tenant_id, id desc);
      create index messages_conversation on messages (conversation_id, id) where conversation_id is not null;
      create index messages_campaign on messages (campaign_id, status) where campaign_id is not null;
      create index messages_tenant_to on messages (tenant_id, to_number);

      create table templates (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        name text not null,
        category text not null default 'general',
        language text not null default 'en',
        channel text not null default 'sms',
        description text not null default '',
        body_text text not null,
        variables text[] not null default '{}',
        is_active boolean not null default true,
        usage_count integer not null default 0,
        created_by bigint references users(id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index templates_name_per_tenant on templates (tenant_id, lower(name));

      create table segments (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        name text not null,
        description text not null default '',
        filter_json jsonb not null default '{}' check (jsonb_typeof(filter_json) = 'object'),
        contact_count integer not null default 0,
        count_updated_at timestamptz,
        created_by bigint references users(id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index segments_name_per_tenant on segments (tenant_id, lower(name));

      create table webhook_events (
        id bigint generated always as identity primary key,
        provider text not null,
        event_key text not null,
        tenant_id bigint references tenants(id) on delete cascade,
        received_at timestamptz not null default now(),
        unique (provider, event_key)
      );
    `);
  }
}
