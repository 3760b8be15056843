import { Migration } from '@mikro-orm/migrations';

const INDUSTRIES = [
  'Agriculture', 'Automotive', 'Banking', 'Biotechnology', 'Construction', 'Consulting', 'Education', 'Energy',
  'Entertainment', 'Finance', 'Food & Beverage', 'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Legal',
  'Logistics', 'Manufacturing', 'Marketing & Advertising', 'Media', 'Non-Profit', 'Pharmaceuticals', 'Real Estate',
  'Retail', 'Technology', 'Telecommunications', 'Transportation',
];

/**
 * The contacts APIs (seeds 001 and 004): stored Idempotency-Key answers, the default industry list,
 * and the indexes the list filters need at a million contacts per tenant.
 */
export class Migration20261123000007ContactsApi extends Migration {
  override up(): void {
    const industries = INDUSTRIES.map((name) => `('${name.replace(/'/g, "''")}', '${name.replace(/'/g, "''")} sector')`).join(',\n        ');
    this.addSql(`
      create table idempotency_keys (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        user_id bigint not null references users(id) on delete cascade,
        key text not null,
        method text not null,
        path text not null,
        request_hash text not null,
        response_status integer,
        response_body jsonb,
        created_at timestamptz not null default now(),
        completed_at timestamptz
      );
      create unique index idempotency_keys_per_user on idempotency_keys (tenant_id, user_id, key);
      create index idempotency_keys_created on idempotency_keys (created_at);

      insert into industries (name, description) values
        ${industries}
      on conflict (name) do nothing;

      -- Seed 001's location filter matches city, state or country: one lower-cased text to search.
      alter table contacts add column location_search text generated always as
        (lower(coalesce(city, '') || ' / ' || coalesce(state, '') || ' / ' || coalesce(country, ''))) stored;
      -- Live contacts newest first: the unfiltered page and its count(*) as an index-only scan.
      create index contacts_live on contacts (tenant_id, id desc) where deleted_at is null;
      -- The list filters without the heap: industry as the key, the other filtered columns included,
      -- so count(*) and the page's ids are index-only scans (industry itself is included for that).
      create index contacts_list_by_industry on contacts (tenant_id, lower(industry), id desc)
        include (industry, employees, annual_revenue, email_status, location_search) where deleted_at is null;
    `);
  }
}
