import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDeps } from '../activity-deps.js';
import { admitRequest, type Admission, type AgentRequest } from '../../app/agent/agent-request.js';
import { completeAgentTask, failAgentTask } from '../../db/agent/agent-task-store.js';
import { SYSTEM_PROMPTS, type Category } from '../../domain/agent/categories.js';
import { recordError } from '../../db/agent/error-log-store.js';
import { LanguageModelError } from '../../domain/agent/language-model.js';
import { resolveSender } from '../../db/messaging/sender.js';
import { SmsProviderError } from '../../domain/messaging/sms-provider.js';
import { DomainError } from '../../domain/shared/errors.js';

/** Twilio refuses bodies past 1600 characters. */
const SMS_MAX = 1600;

export interface AnswerInput {
  taskId: number;
  smsContent: string;
  category: Category;
}

export interface AgentFailureInput {
  tenantId: number;
  taskId: number | null;
  userPhone: string;
  errorType: string;
  errorMessage: string;
}

/** Activities of the SMS-agent conversation: admit, answer with the language model, reply, log errors. */
export function createAgentActivities(deps: Pick<ActivityDeps, 'db' | 'sms' | 'languageModel'>) {
  const pool = deps.db.pool;

  return {
    /** Admits a request within the user's monthly allowance and records its task (once per request key). */
    async agentAdmit(input: AgentRequest): Promise<Admission> {
      return admitRequest(pool, input);
    },

    /** Asks the language model and stores the answer on the task; a refused request is non-retryable. */
    async agentAnswer(input: AnswerInput): Promise<{ reply: string; tokensUsed: number }> {
      const prompt = SYSTEM_PROMPTS[input.category];
      const started = process.hrtime.bigint();
      try {
        const answer = await deps.languageModel.complete({ system: prompt.system, prompt: input.smsContent });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        await completeAgentTask(pool, input.taskId, {
          aiResponse: answer.text,
          processingTime: Math.round(seconds * 1000) / 1000,
          tokensUsed: answer.tokensUsed,
          metadata: { prompt_template: prompt.template, model_used: answer.model, simulated: answer.simulated },
        });
        return { reply: answer.text, tokensUsed: answer.tokensUsed };
      } catch (err) {
        if (err instanceof LanguageModelError) {
          throw err.retryable ? ApplicationFailure.retryable(err.message, err.type) : ApplicationFailure.nonRetryable(err.message, err.type);
        }
        throw err;
      }
    },

    /** Sends an SMS from the given number (refused unless the tenant owns it), or the tenant's default one. */
    async agentSendSms(input: { tenantId: number; to: string; from?: string | null; body: string }): Promise<{ providerMessageId: string; simulated: boolean }> {
      try {
        const { from } = await resolveSender(pool, input.tenantId, 'US', input.from);
        const sent = await deps.sms.send({ to: input.to, from, body: input.body.slice(0, SMS_MAX) });
        return { providerMessageId: sent.providerMessageId, simulated: sent.simulated };
      } catch (err) {
        if (err instanceof SmsProviderError && !err.retryable) throw ApplicationFailure.nonRetryable(err.message, 'sms_send_failed');
        if (err instanceof DomainError) throw ApplicationFailure.nonRetryable(err.message, 'sms_send_failed');
        throw err;
      }
    },

    /** Writes the error log (once per task and type) and marks the task failed. */
    async agentRecordFailure(input: AgentFailureInput): Promise<void> {
      if (input.taskId !== null) {
        const seen = await pool.query('select 1 from error_logs where task_id = $1 and error_type = $2', [input.taskId, input.errorType]);
        if (seen.rowCount) return;
        await failAgentTask(pool, input.taskId, input.errorMessage);
      }
      await recordError(pool, { tenantId: input.tenantId, userPhone: input.userPhone, taskId: input.taskId, errorType: input.errorType, errorMessage: input.errorMessage });
    },
  };
}
