import type pg from 'pg';
import type { Mailer, OutgoingEmail } from '../../domain/identity/mailer.js';

/** The Mailer that writes to the outbox table; a delivery adapter (SMTP, SES) drains it, and tests read it. */
export class OutboxMailer implements Mailer {
  constructor(private readonly pool: pg.Pool) {}

  async send(email: OutgoingEmail): Promise<void> {
    await this.pool.query(`insert into outbox_emails (to_address, subject, body, kind) values ($1, $2, $3, $4)`, [
      email.to,
      email.subject,
      email.body,
      email.kind,
    ]);
  }
}
