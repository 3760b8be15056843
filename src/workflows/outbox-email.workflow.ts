import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { createOutboxActivities } from '../activities/identity/outbox.activities.js';

type Activities = ReturnType<typeof createOutboxActivities>;

/** SMTP deferrals back off from 2 s to 5 min, about 70 minutes in all: the life of a password-reset link. */
const { deliverOutboxEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20, nonRetryableErrorTypes: ['MailRefused'] },
});
const { giveUpOutboxEmail } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 10 } });

export interface OutboxEmailInput {
  emailId: number;
}

export interface OutboxEmailResult {
  status: 'sent' | 'failed' | 'already_done';
  attempts: number;
}

/** Sends one outbox email (password reset, verification, invitation), retrying while SMTP defers it. */
export async function outboxEmailWorkflow(input: OutboxEmailInput): Promise<OutboxEmailResult> {
  try {
    return await deliverOutboxEmail(input);
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    return giveUpOutboxEmail({ emailId: input.emailId, error: err.cause?.message ?? err.message });
  }
}
