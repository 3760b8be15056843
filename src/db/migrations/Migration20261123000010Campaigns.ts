import { Migration } from '@mikro-orm/migrations';

/**
 * Campaigns (seed 004), their runs (one for a one-off campaign, one per occurrence of a recurring one)
 * and the recipient ledger: one row per run and contact, the record that makes each send happen at most
 * once. The campaign row's counters are moved in the same statements that move ledger rows.
 */
export class Migration20261123000010Campaigns extends Migration {
  override up(): void {
    this.addSql(`
      create table campaigns (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        created_by bigint references users(id) on delete set null,
        name text not null,
        description text not null default '',
        campaign_type text not null default 'sms' check (campaign_type in ('sms', 'whatsapp', 'email', 'mixed')),
        message_text text not null default '',
        template_id bigint,
        status text not null default 'draft'
          check (status in ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled', 'failed')),
        scheduled_at timestamptz,
        started_at timestamptz,
        completed_at timestamptz,
        target_contact_ids bigint[] not null default '{}',
        target_segment_ids bigint[] not null default '{}',
        target_criteria jsonb not null default '{}' check (jsonb_typeof(target_criteria) = 'object'),
        settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object'),
        is_recurring boolean not null default false,
        recurring_schedule jsonb not null default '{}' check (jsonb_typeof(recurring_schedule) = 'object'),
        is_active boolean not null default true,
        total_recipients integer not null default 0,
        estimated_cost numeric(14, 4) not null default 0,
        actual_cost numeric(14, 4) not null default 0,
        sent_count integer not null default 0,
        delivered_count integer not null default 0,
        read_count integer not null default 0,
        failed_count integer not null default 0,
        unknown_count integer not null default 0,
        skipped_count integer not null default 0,
        cancelled_count integer not null default 0,
        processed_count integer not null default 0,
        workflow_id text,
        schedule_id text,
        failure_reason text,
        deleted_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index campaigns_tenant_created on campaigns (tenant_id, created_at desc, id) where deleted_at is null;
      create index campaigns_tenant_status on campaigns (tenant_id, status) where deleted_at is null;

      create table campaign_runs (
        id bigint generated always as identity primary key,
        campaign_id bigint not null references campaigns(id) on delete cascade,
        tenant_id bigint not null,
        workflow_id text not null,
        task_id text,
        control text not null default 'running' check (control in ('running', 'paused', 'cancelled')),
        message_text text not null,
        total integer not null default 0,
        -- The campaign's processed_count when this run began: the run's own progress is the difference.
        processed_base integer not null default 0,
        materialized_at timestamptz,
        created_at timestamptz not null default now(),
        completed_at timestamptz,
        unique (campaign_id, workflow_id)
      );

      -- No foreign keys here: a run's ledger is written 100,000s of rows at a time, and a per-row key
      -- check costs a quarter of that. Rows belong to a run, a campaign and a tenant by these ids;
      -- campaigns are only ever soft-deleted.
      create table campaign_recipients (
        id bigint generated always as identity primary key,
        run_id bigint not null,
        campaign_id bigint not null,
        tenant_id bigint not null,
        contact_id bigint not null,
        phone_e164 text not null,
        time_zone text not null,
        status text not null default 'pending'
          check (status in ('pending', 'sending', 'unknown', 'sent', 'undelivered', 'delivered', 'read', 'failed', 'skipped', 'cancelled')),
        attempts smallint not null default 0,
        provider_message_id text,
        error_code text,
        price numeric(10, 4),
        claimed_at timestamptz,
        sent_at timestamptz,
        delivered_at timestamptz,
        read_at timestamptz,
        unique (run_id, contact_id)
      ) with (fillfactor = 70);
      create index campaign_recipients_run_id on campaign_recipients (run_id, id);

      -- One row per tenant: the end of the send window already promised, shared by every campaign and worker.
      create table tenant_send_windows (
        tenant_id bigint primary key references tenants(id) on delete cascade,
        next_free_at timestamptz not null
      );
    `);
  }
}
