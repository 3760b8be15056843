import { Migration } from '@mikro-orm/migrations';

/** Generated phone numbers (seed 000) and the tenant-independent lookup cache that makes a number paid for once. */
export class Migration20261123000002PhoneNumbers extends Migration {
  override up(): void {
    this.addSql(`
      create table phone_numbers (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        project_id text not null default '',
        user_id bigint not null references users(id) on delete cascade,
        number text not null,
        area_code char(3) not null,
        status text not null default 'pending' check (status in ('pending', 'valid', 'invalid')),
        carrier text,
        line_type text,
        lookup_source text,
        generation_task_id text,
        validated_at timestamptz,
        created_at timestamptz not null default now(),
        constraint phone_numbers_unique_per_project unique (tenant_id, project_id, number)
      );
      create index phone_numbers_tenant_project_id on phone_numbers (tenant_id, project_id, id);
      create index phone_numbers_tenant_status on phone_numbers (tenant_id, status);
      create index phone_numbers_generation_task on phone_numbers (generation_task_id);

      create table number_lookups (
        number text primary key,
        valid boolean not null,
        carrier text,
        line_type text,
        source text not null,
        looked_up_at timestamptz not null default now()
      );
    `);
  }
}
