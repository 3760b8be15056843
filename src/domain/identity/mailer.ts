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
