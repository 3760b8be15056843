import type pg from 'pg';

export interface OutgoingEmail {
  to: string;
  subject: string;
  body: string;
  kind: 'password_reset' | 'email_verification' | 'invitation' | 'notification';
}

/** Mail leaves through an outbox table; a delivery adapter (SMTP, SES) drains it, and tests read it. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

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
