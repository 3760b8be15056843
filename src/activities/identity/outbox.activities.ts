import { ApplicationFailure, Context } from '@temporalio/activity';
import type { ActivityDeps } from '../activity-deps.js';
import { OutboxEmails } from '../../db/identity/outbox-emails.js';
import { MailTransportError } from '../../domain/identity/mail-transport.js';
import { startOutboxDelivery } from '../../app/identity/outbox-delivery.js';

/** A queued email untouched this long has no delivery running (a retrying one writes at least every 5 minutes). */
const STRANDED_AFTER_SECONDS = 15 * 60;

/** The outbox's way out: one email per activity call, recorded on its row attempt by attempt. */
export function createOutboxActivities(deps: Pick<ActivityDeps, 'db' | 'mail' | 'config'>) {
  const outbox = new OutboxEmails(deps.db.pool);

  return {
    /**
     * Sends the email unless it already left (a retry after the row was marked) or was given up.
     * A deferral is retried by the workflow's policy; a refusal (SMTP 5xx) fails as `MailRefused`.
     * At least once: a crash between the server's 250 and the row's update sends it again.
     */
    async deliverOutboxEmail(input: { emailId: number }): Promise<{ status: 'sent' | 'already_done'; attempts: number }> {
      const email = await outbox.byId(input.emailId);
      if (!email || email.status !== 'queued') return { status: 'already_done', attempts: email?.attempts ?? 0 };
      const attempt = Context.current().info.attempt;
      if (!deps.mail) {
        await outbox.recordAttempt(email.id, attempt, { status: 'queued', error: 'no SMTP_URL on this worker' });
        throw ApplicationFailure.retryable('this worker has no SMTP_URL: the email waits for one that has', 'MailNotConfigured');
      }
      try {
        await deps.mail.deliver({ id: email.id, to: email.to_address, subject: email.subject, body: email.body, kind: email.kind });
      } catch (err) {
        const refused = err instanceof MailTransportError && !err.retryable;
        const message = (err as Error).message;
        await outbox.recordAttempt(email.id, attempt, { status: refused ? 'failed' : 'queued', error: message });
        throw refused ? ApplicationFailure.nonRetryable(message, 'MailRefused') : ApplicationFailure.retryable(message, 'MailDeferred');
      }
      await outbox.recordAttempt(email.id, attempt, { status: 'sent' });
      return { status: 'sent', attempts: attempt };
    },

    /** After the last retry: the email is marked failed with the last reason, and no longer waits. */
    async giveUpOutboxEmail(input: { emailId: number; error: string }): Promise<{ status: 'failed'; attempts: number }> {
      const email = await outbox.byId(input.emailId);
      await outbox.recordAttempt(input.emailId, email?.attempts ?? 0, { status: 'failed', error: input.error });
      return { status: 'failed', attempts: email?.attempts ?? 0 };
    },

    /** Housekeeping's part: starts the delivery of queued mail whose start never reached Temporal. */
    async redeliverStrandedOutbox(): Promise<{ started: number }> {
      if (!deps.mail) return { started: 0 };
      let started = 0;
      for (const id of await outbox.stranded(STRANDED_AFTER_SECONDS, 500)) {
        if (await startOutboxDelivery(Context.current().client, deps.config, id)) started++;
      }
      return { started };
    },
  };
}
