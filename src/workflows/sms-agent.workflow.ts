import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createAgentActivities } from '../activities/agent/agent.activities.js';
import type { Category } from '../domain/agent/categories.js';

type Activities = ReturnType<typeof createAgentActivities>;

const db = proxyActivities<Activities>({ startToCloseTimeout: '15 seconds', retry: { maximumAttempts: 5, initialInterval: '500 milliseconds' } });
// The user is waiting by their phone: a few attempts at the model, then an apology instead.
const model = proxyActivities<Activities>({ startToCloseTimeout: '90 seconds', retry: { maximumAttempts: 3, initialInterval: '2 seconds' } });
const sms = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 5, initialInterval: '1 second' } });

export interface SmsAgentInput {
  tenantId: number;
  userPhone: string;
  smsContent: string;
  category?: Category;
  /** Where the reply goes from (the number the user texted); null: the tenant's default. */
  replyFrom?: string | null;
  /** False for tasks created through the API: the answer is stored, nothing is texted. */
  sendReply: boolean;
}

export interface SmsAgentResult {
  taskId: number | null;
  outcome: 'answered' | 'failed' | 'over_limit' | 'unknown_user';
}

const APOLOGY = "Sorry, I couldn't answer your request just now. Please try again in a few minutes.";

/**
 * One inbound request to the AI agent: admitted within the user's monthly allowance (else a polite
 * SMS and no model call), answered by the language model, the answer texted back; every failure is
 * written to the error log.
 */
export async function smsAgentWorkflow(input: SmsAgentInput): Promise<SmsAgentResult> {
  const { tenantId, userPhone } = input;
  const admission = await db.agentAdmit({
    tenantId,
    userPhone,
    smsContent: input.smsContent,
    requestKey: workflowInfo().workflowId,
    category: input.category,
    source: input.sendReply ? 'sms' : 'api',
  });
  if (!admission.admitted) {
    if (admission.reply && input.sendReply) await reply(input, admission.reply, null);
    return { taskId: null, outcome: admission.reason };
  }
  const taskId = admission.taskId;
  let text = APOLOGY;
  let outcome: SmsAgentResult['outcome'] = 'answered';
  try {
    text = (await model.agentAnswer({ taskId, smsContent: input.smsContent, category: admission.category })).reply;
  } catch (err) {
    outcome = 'failed';
    await db.agentRecordFailure({ tenantId, taskId, userPhone, errorType: failureType(err, 'ai_error'), errorMessage: messageOf(err) });
  }
  if (input.sendReply) await reply(input, text, taskId);
  return { taskId, outcome };
}

async function reply(input: SmsAgentInput, body: string, taskId: number | null) {
  try {
    await sms.agentSendSms({ tenantId: input.tenantId, to: input.userPhone, from: input.replyFrom ?? null, body });
  } catch (err) {
    await db.agentRecordFailure({ tenantId: input.tenantId, taskId, userPhone: input.userPhone, errorType: 'sms_send_failed', errorMessage: messageOf(err) });
  }
}

function cause(err: unknown): Error {
  return err instanceof ActivityFailure && err.cause ? err.cause : (err as Error);
}

function failureType(err: unknown, fallback: string): string {
  const c = cause(err);
  return c instanceof ApplicationFailure && c.type ? c.type : fallback;
}

function messageOf(err: unknown): string {
  return cause(err).message;
}
