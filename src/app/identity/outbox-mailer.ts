import type pg from 'pg';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Mailer, OutgoingEmail } from '../../domain/identity/mailer.js';
import { linksIn } from '../../domain/identity/mail-transport.js';
import { OutboxEmails } from '../../db/identity/outbox-emails.js';
import { startOutboxDelivery } from './outbox-delivery.js';

/**
 * The Mailer the use cases send through. The email is written to the outbox first; with SMTP_URL a
 * durable workflow then delivers it with retries, and without one it stays in the outbox as `logged`
 * (the development view, GET /api/dev/outbox/) and its links go to the log.
 */
export class OutboxMailer implements Mailer {
  private readonly outbox: OutboxEmails;

  constructor(private readonly d: { pool: pg.Pool; temporal: Client; config: Pick<Config, 'mail' | 'temporal'>; logger: Logger }) {
    this.outbox = new OutboxEmails(d.pool);
  }

  async send(email: OutgoingEmail): Promise<void> {
    if (!this.d.config.mail.smtpUrl) {
      const id = await this.outbox.enqueue(email, 'logged');
      this.d.logger.info({ outboxId: id, to: email.to, kind: email.kind, links: linksIn(email.body) }, `mail not sent (no SMTP_URL): ${email.subject}`);
      return;
    }
    const id = await this.outbox.enqueue(email, 'queued');
    // The row is the promise to send: if Temporal cannot take the start now, housekeeping starts it later.
    await startOutboxDelivery(this.d.temporal, this.d.config, id).catch((err: Error) =>
      this.d.logger.warn({ err, outboxId: id }, 'outbox delivery not started; housekeeping will start it'),
    );
  }
}
