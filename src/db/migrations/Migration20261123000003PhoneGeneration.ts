import { Migration } from '@mikro-orm/migrations';

/**
 * Ledgers that make generation and validation batches idempotent: a batch commits its numbers together
 * with its ledger row, whose primary key lets only one attempt of a batch ever commit. Stop requests let
 * a running chunk of batches notice a cancel before its next batch.
 */
export class Migration20261123000003PhoneGeneration extends Migration {
  override up(): void {
    this.addSql(`
      create table phone_generation_batches (
        task_id text not null,
        batch_no integer not null,
        cursor_start bigint not null,
        cursor_end bigint not null,
        generated integer not null,
        looked_up integer not null default 0,
        committed_at timestamptz not null default now(),
        primary key (task_id, batch_no)
      );

      create table phone_validation_batches (
        task_id text not null,
        batch_no integer not null,
        last_id bigint not null,
        validated integer not null,
        valid integer not null,
        invalid integer not null,
        looked_up integer not null default 0,
        found integer not null default 0,
        committed_at timestamptz not null default now(),
        primary key (task_id, batch_no)
      );

      create table phone_task_stop_requests (
        task_id text primary key,
        requested_at timestamptz not null default now()
      );
    `);
  }
}
