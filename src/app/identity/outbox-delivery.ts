import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Config } from '../../config.js';
import { TASK_KIND_KEY } from '../../temporal/search-attributes.js';
import type { outboxEmailWorkflow } from '../../workflows/outbox-email.workflow.js';

/** One delivery workflow per email, on the messaging queue, named after the deployment and the row. */
export const outboxEmailWorkflowId = (config: Pick<Config, 'temporal'>, emailId: number) =>
  `${config.temporal.taskQueues.messaging.replace(/-messaging$/, '')}-outbox-email-${emailId}`;

/** Starts the email's delivery; false when it is already under way (the id is taken by a running delivery). */
export async function startOutboxDelivery(client: Client, config: Pick<Config, 'temporal'>, emailId: number): Promise<boolean> {
  try {
    await client.workflow.start<typeof outboxEmailWorkflow>('outboxEmailWorkflow', {
      workflowId: outboxEmailWorkflowId(config, emailId),
      taskQueue: config.temporal.taskQueues.messaging,
      args: [{ emailId }],
      typedSearchAttributes: [{ key: TASK_KIND_KEY, value: 'outbox_email' }],
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
