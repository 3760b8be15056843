import { Migration } from '@mikro-orm/migrations';

/**
 * Under row-level security a condition with a function that is not leakproof (`lower`, LIKE, array
 * containment) is evaluated only after the policy, so it can no longer drive an index: the per-row
 * e-mail probe of every contact upsert and import became a scan of the tenant's contacts. The
 * lower-cased e-mail is stored instead, and matched with plain `=` (leakproof) on its own index,
 * which keeps the constraint's name.
 */
export class Migration20261123000032LeakproofContactKeys extends Migration {
  override up(): void {
    this.addSql(`
      alter table contacts add column email_key text generated always as (lower(email)) stored;
      drop index contacts_email_per_tenant;
      create unique index contacts_email_per_tenant on contacts (tenant_id, email_key) where email_key is not null;
    `);
  }
}
