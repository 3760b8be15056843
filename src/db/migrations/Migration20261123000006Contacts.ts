import { Migration } from '@mikro-orm/migrations';

/**
 * One contact store for seed 001 (B2B contact database) and seed 004 (messaging contacts).
 * Phone (E.164) and email are unique per tenant, deleted rows included, so an upsert revives a
 * soft-deleted contact instead of creating a second one.
 */
export class Migration20261123000006Contacts extends Migration {
  override up(): void {
    this.addSql(`
      create extension if not exists pg_trgm;

      create table contacts (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        first_name text not null default '',
        last_name text not null default '',
        full_name text generated always as (btrim(first_name || ' ' || last_name)) stored,
        title text,
        email text,
        email_status text,
        phone_e164 text,
        company text,
        industry text,
        employees integer check (employees >= 0),
        annual_revenue numeric(18, 2) check (annual_revenue >= 0),
        city text,
        state text,
        country text,
        person_linkedin_url text,
        website text,
        technologies text,
        keywords text,
        tags text[] not null default '{}',
        attributes jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object'),
        is_active boolean not null default true,
        is_opted_in boolean not null default false,
        opt_in_at timestamptz,
        opt_out_at timestamptz,
        opt_out_reason text,
        last_contacted_at timestamptz,
        deleted_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index contacts_phone_per_tenant on contacts (tenant_id, phone_e164) where phone_e164 is not null;
      create unique index contacts_email_per_tenant on contacts (tenant_id, lower(email)) where email is not null;
      create index contacts_tenant_id on contacts (tenant_id, id);
      create index contacts_tenant_industry on contacts (tenant_id, industry);
      create index contacts_tenant_created on contacts (tenant_id, created_at desc);
      create index contacts_tags on contacts using gin (tags);
      create index contacts_name_trgm on contacts using gin (full_name gin_trgm_ops);

      create table industries (
        id bigint generated always as identity primary key,
        name text not null unique,
        description text not null default '',
        is_active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
    `);
  }
}
