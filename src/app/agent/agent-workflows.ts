import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { TemporalHandle } from '../../temporal/client.js';
import { startTenantWorkflow } from '../../temporal/start-tenant-workflow.js';
import type { SmsAgentInput, SmsAgentResult } from '../../workflows/sms-agent.workflow.js';
import { classifyInbound } from '../../domain/messaging/inbound-keywords.js';

export interface AgentWorkflowTarget {
  temporal: TemporalHandle;
  taskQueue: string;
}

function startAgent(target: AgentWorkflowTarget, input: SmsAgentInput, requestKey: string) {
  return startTenantWorkflow(target.temporal.client, 'smsAgentWorkflow', {
    kind: 'sms-agent',
    tenantId: input.tenantId,
    id: requestKey,
    taskQueue: target.taskQueue,
    args: [input],
    // An id names one request for good: a redelivered webhook must not answer a finished request again.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
}

/**
 * Hands an inbound SMS to the AI agent when its sender is one of the tenant's agent users and it is
 * not a STOP/START/HELP keyword; answers whether it did. The workflow id carries the MessageSid, so a
 * redelivered webhook (say, after this call failed) starts the request at most once.
 */
export async function startAgentConversation(pool: pg.Pool, target: AgentWorkflowTarget, sms: { tenantId: number; from: string; to: string; body: string; messageSid: string }): Promise<boolean> {
  if (classifyInbound(sms.body)) return false;
  const user = await pool.query('select 1 from agent_users where tenant_id = $1 and phone_number = $2', [sms.tenantId, sms.from]);
  if (!user.rowCount) return false;
  const input: SmsAgentInput = { tenantId: sms.tenantId, userPhone: sms.from, smsContent: sms.body, replyFrom: sms.to, sendReply: true };
  try {
    await startAgent(target, input, sms.messageSid);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return true;
}

/** A task created through the API: the same workflow, answered before the call returns, nothing texted. */
export async function runAgentTask(target: AgentWorkflowTarget, input: Omit<SmsAgentInput, 'sendReply' | 'replyFrom'>): Promise<SmsAgentResult> {
  const full: SmsAgentInput = { ...input, sendReply: false };
  return (await startAgent(target, full, `api-${randomUUID()}`)).result();
}

/** Starts the broadcast's workflow on the messaging queue. */
export async function startBroadcast(target: AgentWorkflowTarget, tenantId: number, broadcast: { id: number; messageId: string }): Promise<void> {
  await startTenantWorkflow(target.temporal.client, 'broadcastWorkflow', {
    kind: 'broadcast',
    tenantId,
    id: broadcast.messageId,
    taskQueue: target.taskQueue,
    args: [{ broadcastId: broadcast.id }],
  });
}
