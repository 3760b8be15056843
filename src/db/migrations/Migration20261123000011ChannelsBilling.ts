import { Migration } from '@mikro-orm/migrations';

/**
 * Seed 003's channels (one live channel per phone number across tenants), and the billing of seeds
 * 001 and 004: plans (amounts in the currency's smallest unit, as Razorpay keeps them), one live
 * subscription per tenant, and every payment webhook event once by its id.
 */
export class Migration20261123000011ChannelsBilling extends Migration {
  override up(): void {
    this.addSql(`
      create table channels (
        id uuid primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        created_by bigint references users(id) on delete set null,
        name text not null,
        phone_number text not null,
        country_code text not null,
        iso_country char(2) not null,
        type text not null check (type in ('whatsapp', 'sms', 'voice')),
        status text not null default 'active' check (status in ('active', 'released')),
        capabilities jsonb not null default '{}' check (jsonb_typeof(capabilities) = 'object'),
        is_mock boolean not null default false,
        twilio_sid text,
        provider text not null,
        workflow_id text,
        created_at timestamptz not null default now(),
        released_at timestamptz
      );
      create unique index channels_active_phone on channels (phone_number) where status = 'active';
      create index channels_tenant_recent on channels (tenant_id, created_at desc) where status = 'active';

      create table billing_plans (
        id text primary key,
        plan_type text not null unique,
        name text not null,
        description text not null default '',
        amount bigint not null check (amount >= 0),
        currency text not null default 'INR',
        period text not null check (period in ('daily', 'weekly', 'monthly', 'yearly')),
        period_interval integer not null default 1 check (period_interval between 1 and 24),
        trial_days integer not null default 0 check (trial_days >= 0),
        limits jsonb not null default '{}' check (jsonb_typeof(limits) = 'object'),
        features text[] not null default '{}',
        is_active boolean not null default true,
        sort_order integer not null default 0,
        created_at timestamptz not null default now()
      );
      insert into billing_plans (id, plan_type, name, description, amount, currency, period, period_interval, trial_days, limits, features, sort_order) values
        ('plan_free', 'free', 'Free', 'Try Switchboard: a little messaging and one channel.', 0, 'INR', 'monthly', 1, 0,
         '{"messages_per_period": 100, "contacts": 500, "channels": 1, "numbers_generated": 10000}',
         '{"100 SMS a month","500 contacts","1 channel number","Phone number generation"}', 1),
        ('plan_pro', 'pro', 'Pro', 'For growing teams: campaigns, more channels, 14 days free.', 99900, 'INR', 'monthly', 1, 14,
         '{"messages_per_period": 10000, "contacts": 25000, "channels": 5, "numbers_generated": 1000000}',
         '{"10,000 SMS a month","25,000 contacts","5 channel numbers","Campaigns and segments","14-day trial"}', 2),
        ('plan_enterprise', 'enterprise', 'Enterprise', 'High volume messaging without contact limits.', 499900, 'INR', 'monthly', 1, 0,
         '{"messages_per_period": 100000, "contacts": null, "channels": 50, "numbers_generated": null}',
         '{"100,000 SMS a month","Unlimited contacts","50 channel numbers","Priority support"}', 3);

      create table subscriptions (
        id text primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        user_id bigint references users(id) on delete set null,
        plan_id text not null references billing_plans(id),
        status text not null check (status in ('pending', 'trialing', 'active', 'past_due', 'halted', 'cancelled', 'expired')),
        workflow_id text not null,
        cycle integer not null default 0,
        trial_ends_at timestamptz,
        current_period_start timestamptz,
        current_period_end timestamptz,
        last_payment_id text,
        cancel_reason text,
        activated_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index subscriptions_one_live_per_tenant on subscriptions (tenant_id) where status in ('pending', 'trialing', 'active', 'past_due');
      create index subscriptions_tenant_recent on subscriptions (tenant_id, created_at desc);

      create table payment_events (
        event_id text primary key,
        event text not null,
        subscription_id text references subscriptions(id) on delete set null,
        tenant_id bigint references tenants(id) on delete cascade,
        payment_id text,
        outcome text not null,
        payload jsonb not null,
        received_at timestamptz not null default now()
      );
      create index payment_events_subscription on payment_events (subscription_id, received_at) where subscription_id is not null;
    `);
  }
}
