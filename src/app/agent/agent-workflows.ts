import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { TemporalHandle } from '../../temporal/client.js';
import { tenantWorkflowAttributes } from '../../temporal/search-attributes.js';
import type { SmsAgentInput, SmsAgentResult } from '../../workflows/sms-agent.workflow.js';
import { classifyInbound } from '../../domain/messaging/inbound-keywords.js';

export interface AgentWorkflowTarget {
  temporal: TemporalHandle;
  taskQueue: string;
}

function options(target: AgentWorkflowTarget, input: SmsAgentInput, workflowId: string) {
  return {
    workflowId,
    taskQueue: target.taskQueue,
    args: [input] as [SmsAgentInput],
    // An id names one request for good: a redelivered webhook must not answer a finished request again.
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    typedSearchAttributes: tenantWorkflowAttributes(input.tenantId, 'sms-agent'),
  };
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
    await target.temporal.client.workflow.start('smsAgentWorkflow', options(target, input, `sms-agent-t${sms.tenantId}-${sms.messageSid}`));
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return true;
}

/** A task created through the API: the same workflow, answered before the call returns, nothing texted. */
export async function runAgentTask(target: AgentWorkflowTarget, input: Omit<SmsAgentInput, 'sendReply' | 'replyFrom'>): Promise<SmsAgentResult> {
  const full: SmsAgentInput = { ...input, sendReply: false };
  return target.temporal.client.workflow.execute('smsAgentWorkflow', options(target, full, `sms-agent-t${input.tenantId}-api-${randomUUID()}`));
}

/** Starts the broadcast's workflow on the messaging queue. */
export async function startBroadcast(target: AgentWorkflowTarget, tenantId: number, broadcast: { id: number; messageId: string }): Promise<void> {
  await target.temporal.client.workflow.start('broadcastWorkflow', {
    workflowId: `broadcast-t${tenantId}-${broadcast.messageId}`,
    taskQueue: target.taskQueue,
    args: [{ broadcastId: broadcast.id }],
    typedSearchAttributes: tenantWorkflowAttributes(tenantId, 'broadcast'),
  });
}
