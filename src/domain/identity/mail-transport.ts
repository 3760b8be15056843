import type { OutgoingEmail } from './mailer.js';

/**
 * How an outbox email leaves: the port the delivery activity sends through. Adapter: SMTP
 * (smtp-mail-transport.ts). An email that is not sent stays in the outbox, so there is no simulated one.
 */
export interface MailTransport {
  deliver(email: OutgoingEmail & { id: number }): Promise<{ messageId: string }>;
}

/** Thrown by adapters; `retryable` separates a deferral (SMTP 4xx, a lost connection) from a refusal (5xx). */
export class MailTransportError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly responseCode?: number) {
    super(message);
    this.name = 'MailTransportError';
  }
}

/** The links in a body, for the development log and the outbox view. */
export const linksIn = (body: string): string[] => body.match(/https?:\/\/\S+/g) ?? [];
