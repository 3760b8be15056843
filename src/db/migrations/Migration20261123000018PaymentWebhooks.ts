import { Migration } from '@mikro-orm/migrations';

/**
 * Payment webhooks: which payments have already moved a subscription (a captured payment counts once,
 * a failure only for a payment never captured), and the one cross-tenant read a webhook needs before
 * its tenant is known.
 */
export class Migration20261123000018PaymentWebhooks extends Migration {
  override up(): void {
    this.addSql(`
      create table payment_applications (
        payment_id text not null,
        effect text not null check (effect in ('paid', 'failed')),
        tenant_id bigint not null references tenants(id) on delete cascade,
        subscription_id text not null references subscriptions(id) on delete cascade,
        event_id text not null,
        applied_at timestamptz not null default now(),
        primary key (payment_id, effect)
      );
      create index payment_applications_subscription on payment_applications (subscription_id);

      -- The tenant a verified webhook is about: its subscription's, else that of a payment already applied.
      create function xt_payment_webhook_tenant(p_subscription_id text, p_payment_id text) returns bigint
        language sql stable security definer set search_path = public as $$
          select coalesce(
            (select tenant_id from subscriptions where id = p_subscription_id),
            (select tenant_id from payment_applications where payment_id = p_payment_id limit 1)
          )
        $$;
    `);
  }
}
