import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox records how each email left: `queued` until SMTP accepts it (`sent`) or refuses it for
 * good (`failed`), or `logged` when no SMTP_URL is configured and the mail only stays here for the
 * developer to read. `attempts` and `last_error` show the retries the delivery workflow made.
 */
export class Migration20261123000050OutboxDelivery extends Migration {
  override up(): void {
    this.addSql(`
      alter table outbox_emails
        add column status text not null default 'queued' check (status in ('queued', 'sent', 'failed', 'logged')),
        add column attempts integer not null default 0,
        add column last_error text,
        add column updated_at timestamptz not null default now();
      update outbox_emails set status = 'sent' where sent_at is not null;
      create index outbox_emails_queued on outbox_emails (created_at) where status = 'queued';
    `);
  }
}
