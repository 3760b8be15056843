import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { MailTransportError, type MailTransport } from './mail-transport.js';
import type { OutgoingEmail } from './mailer.js';

/**
 * SMTP through nodemailer, configured by one URL: smtp://user:pass@host:587 (STARTTLS when the
 * server offers it) or smtps://user:pass@host:465 (TLS from the first byte); nodemailer's options ride
 * in the query (`?pool=true` keeps connections open). Each email is one message whose Message-ID stays
 * the same across retries, so a receiving server can tell a resend from a new email.
 */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly opts: { url: string; from: string; messageIdDomain: string }) {
    this.transporter = createTransport(opts.url);
  }

  async deliver(email: OutgoingEmail & { id: number }): Promise<{ messageId: string }> {
    try {
      const info = await this.transporter.sendMail({
        from: this.opts.from,
        to: email.to,
        subject: email.subject,
        text: email.body,
        messageId: `<outbox-${email.id}@${this.opts.messageIdDomain}>`,
        headers: { 'X-Switchboard-Kind': email.kind },
      });
      return { messageId: info.messageId };
    } catch (err) {
      throw toTransportError(err as Error & { responseCode?: number; code?: string });
    }
  }
}

/**
 * SMTP's own rule: a 5xx reply is permanent, a 4xx (or no reply: connection, DNS, timeout) may pass
 * later. A refused login (EAUTH) is retried too: it is the operator's to fix, and the mail should
 * leave once they have.
 */
function toTransportError(err: Error & { responseCode?: number; code?: string }): MailTransportError {
  const code = err.responseCode;
  const permanent = code !== undefined && code >= 500 && err.code !== 'EAUTH';
  return new MailTransportError(`SMTP ${code ?? err.code ?? 'error'}: ${err.message}`, !permanent, code);
}
