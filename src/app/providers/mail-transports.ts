import type { Config } from '../../config.js';
import type { MailTransport } from '../../domain/identity/mail-transport.js';
import { SmtpMailTransport } from '../../domain/identity/smtp-mail-transport.js';

/** SMTP when SMTP_URL is set; otherwise none: the outbox keeps the mail and the API logs its links. */
export function createMailTransport(config: Pick<Config, 'mail' | 'publicBaseUrl'>): MailTransport | null {
  if (!config.mail.smtpUrl) return null;
  return new SmtpMailTransport({ url: config.mail.smtpUrl, from: config.mail.from, messageIdDomain: new URL(config.publicBaseUrl).hostname });
}
