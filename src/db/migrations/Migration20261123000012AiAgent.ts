import { Migration } from '@mikro-orm/migrations';

/**
 * Seed 002's SMS-to-AI agent: the people who text the agent (one row per phone per tenant), each
 * request as a task, errors for operators to resolve, tier changes, and broadcasts with one delivery
 * row per recipient so a retried batch never texts anyone twice.
 */
export class Migration20261123000012AiAgent extends Migration {
  override up(): void {
    this.addSql(`
      create table agent_users (
        id bigserial primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        phone_number varchar(16) not null,
        tier varchar(16) not null default 'free' check (tier in ('free', 'premium', 'enterprise')),
        email varchar(254),
        full_name varchar(200),
        timezone varchar(64) not null default 'UTC',
        preferences jsonb not null default '{}'::jsonb,
        total_requests integer not null default 0,
        monthly_requests integer not null default 0,
        month_start date not null default date_trunc('month', now())::date,
        last_active timestamptz not null default now(),
        created_at timestamptz not null default now(),
        constraint agent_users_tenant_phone unique (tenant_id, phone_number)
      );
      create index agent_users_tenant_tier on agent_users (tenant_id, tier, id);

      create table agent_tasks (
        id bigserial primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        request_key varchar(200) not null,
        user_phone varchar(16) not null,
        sms_content text not null,
        ai_response text,
        category varchar(32) not null default 'general',
        processing_time double precision,
        tokens_used integer not null default 0,
        complexity_score double precision not null default 0,
        success boolean not null default false,
        error_message text,
        metadata jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        completed_at timestamptz,
        constraint agent_tasks_request_key unique (tenant_id, request_key)
      );
      create index agent_tasks_tenant_created on agent_tasks (tenant_id, created_at desc, id desc);
      create index agent_tasks_tenant_phone on agent_tasks (tenant_id, user_phone, created_at desc);

      create table error_logs (
        id bigserial primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        user_phone varchar(16),
        task_id bigint references agent_tasks(id) on delete set null,
        error_type varchar(64) not null,
        error_message text not null,
        stack_trace text,
        timestamp timestamptz not null default now(),
        resolved boolean not null default false,
        resolution_notes text,
        metadata jsonb not null default '{}'::jsonb
      );
      create index error_logs_tenant_time on error_logs (tenant_id, timestamp desc, id desc);

      create table agent_tier_changes (
        id bigserial primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        user_phone varchar(16) not null,
        from_tier varchar(16) not null,
        to_tier varchar(16) not null,
        reason text,
        created_at timestamptz not null default now()
      );
      create index agent_tier_changes_tenant_time on agent_tier_changes (tenant_id, created_at);

      create table broadcasts (
        id bigserial primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        message_id varchar(64) not null unique,
        message text not null,
        tier_filter jsonb not null default '[]'::jsonb,
        message_type varchar(32) not null default 'announcement',
        status varchar(16) not null default 'queued',
        recipients_count integer not null default 0,
        sent_count integer not null default 0,
        failed_count integer not null default 0,
        created_at timestamptz not null default now(),
        completed_at timestamptz
      );
      create index broadcasts_tenant on broadcasts (tenant_id, created_at desc);

      create table broadcast_deliveries (
        broadcast_id bigint not null references broadcasts(id) on delete cascade,
        agent_user_id bigint not null,
        status varchar(16) not null,
        provider_message_id varchar(64),
        error text,
        primary key (broadcast_id, agent_user_id)
      );
    `);
  }
}
