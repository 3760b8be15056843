import { Migration } from '@mikro-orm/migrations';

/**
 * Seed 001's chunked CSV upload and the contact import that follows it. Chunks live in object storage;
 * these tables record which arrived. The ledger is the import's resume point: it moves in the same
 * transaction as each batch of contacts, so a crashed worker resumes exactly after the last commit.
 */
export class Migration20261123000008Uploads extends Migration {
  override up(): void {
    this.addSql(`
      create table uploads (
        id uuid primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        user_id bigint not null references users(id) on delete cascade,
        file_name text not null,
        file_size bigint not null check (file_size > 0),
        total_chunks integer not null check (total_chunks between 1 and 10000),
        status text not null default 'uploading' check (status in ('uploading', 'completed')),
        task_id text,
        created_at timestamptz not null default now(),
        completed_at timestamptz,
        updated_at timestamptz not null default now()
      );
      create index uploads_tenant_created on uploads (tenant_id, created_at desc);

      create table upload_chunks (
        upload_id uuid not null references uploads(id) on delete cascade,
        chunk_index integer not null check (chunk_index >= 0),
        size bigint not null check (size >= 0),
        received_at timestamptz not null default now(),
        primary key (upload_id, chunk_index)
      );

      create table contact_import_ledgers (
        task_id text primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        upload_id uuid not null references uploads(id) on delete cascade,
        header text[] not null,
        header_end bigint not null,
        estimated_rows integer not null default 0,
        byte_offset bigint not null default 0,
        rows_read integer not null default 0,
        created integer not null default 0,
        updated integer not null default 0,
        skipped integer not null default 0,
        rejected integer not null default 0,
        batches integer not null default 0,
        done boolean not null default false,
        cancel_requested boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );

      create table contact_import_rejections (
        task_id text not null references contact_import_ledgers(task_id) on delete cascade,
        row_number integer not null,
        reason text not null,
        fields text[] not null,
        primary key (task_id, row_number)
      );
    `);
  }
}
