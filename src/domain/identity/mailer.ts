export interface OutgoingEmail {
  to: string;
  subject: string;
  body: string;
  kind: 'password_reset' | 'email_verification' | 'invitation' | 'notification';
}

/** Mail is written to the outbox table; a delivery workflow sends it through a MailTransport (SMTP), and tests read it. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}
