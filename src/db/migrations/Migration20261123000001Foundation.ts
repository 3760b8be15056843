import { Migration } from '@mikro-orm/migrations';

/** Accounts, tenants, auth tokens, mail outbox and the task model every long job reports through. */
export class Migration20261123000001Foundation extends Migration {
  override up(): void {
    this.addSql(`
      create table tenants (
        id bigint generated always as identity primary key,
        name text not null,
        slug text not null unique,
        default_region text not null default 'US',
        settings jsonb not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );

      create table users (
        id bigint generated always as identity primary key,
        email text not null,
        username text not null,
        password_hash text not null,
        first_name text not null default '',
        last_name text not null default '',
        phone_number text,
        role text not null default 'user',
        is_active boolean not null default true,
        email_verified_at timestamptz,
        download_limit integer not null default 100,
        downloads_used integer not null default 0,
        active_tenant_id bigint references tenants(id) on delete set null,
        last_login timestamptz,
        date_joined timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index users_email_unique on users (lower(email));
      create unique index users_username_unique on users (lower(username));

      create table memberships (
        tenant_id bigint not null references tenants(id) on delete cascade,
        user_id bigint not null references users(id) on delete cascade,
        role text not null check (role in ('owner', 'admin', 'member')),
        created_at timestamptz not null default now(),
        primary key (tenant_id, user_id)
      );
      create index memberships_user on memberships (user_id);

      create table api_keys (
        id bigint generated always as identity primary key,
        user_id bigint not null references users(id) on delete cascade,
        name text not null default 'default',
        prefix text not null,
        key_hash text not null unique,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      create index api_keys_user on api_keys (user_id);

      create table refresh_tokens (
        id bigint generated always as identity primary key,
        user_id bigint not null references users(id) on delete cascade,
        family_id uuid not null,
        token_hash text not null unique,
        expires_at timestamptz not null,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index refresh_tokens_family on refresh_tokens (family_id);

      create table sessions (
        id bigint generated always as identity primary key,
        user_id bigint not null references users(id) on delete cascade,
        token_hash text not null unique,
        expires_at timestamptz not null,
        created_at timestamptz not null default now()
      );

      create table one_time_tokens (
        id bigint generated always as identity primary key,
        user_id bigint not null references users(id) on delete cascade,
        purpose text not null check (purpose in ('password_reset', 'email_verification')),
        token_hash text not null unique,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      );

      create table outbox_emails (
        id bigint generated always as identity primary key,
        to_address text not null,
        subject text not null,
        body text not null,
        kind text not null,
        created_at timestamptz not null default now(),
        sent_at timestamptz
      );
      create index outbox_emails_to on outbox_emails (lower(to_address));

      create table tasks (
        id bigint generated always as identity primary key,
        task_id text not null unique,
        tenant_id bigint not null references tenants(id) on delete cascade,
        user_id bigint not null references users(id) on delete cascade,
        project_id text,
        kind text not null,
        name text not null,
        status text not null default 'pending'
          check (status in ('pending', 'in_progress', 'completed', 'failed', 'cancelled')),
        progress integer not null default 0 check (progress between 0 and 100),
        current_step text not null default '',
        processed_items bigint not null default 0,
        total_items bigint not null default 0,
        workflow_id text,
        params jsonb not null default '{}',
        result jsonb,
        error text,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        completed_at timestamptz,
        updated_at timestamptz not null default now()
      );
      create index tasks_tenant_user_created on tasks (tenant_id, user_id, created_at desc);
      create index tasks_tenant_status on tasks (tenant_id, status);
    `);
  }
}
