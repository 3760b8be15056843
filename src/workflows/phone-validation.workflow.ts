import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import { batchesPerChunk, CHUNKS_PER_RUN } from '../domain/phone/job-sizing.js';
import type { TaskProgress } from './shared/task-messages.js';
import { chunkActivities, taskActivities } from './shared/phone-activities.js';
import { phoneTaskCancel } from './shared/phone-task-cancel.js';
import { percent } from './shared/percent.js';
import { TaskWorkflow } from './shared/task-workflow.js';
import type { ValidationChunkOutput } from '../activities/phone/validation-chunk.js';

export interface PhoneValidationInput {
  taskId: string;
  tenantId: number;
  projectId: string | null;
  generationTaskId: string | null;
  /** Explicit ids, ascending (at most MAX_PHONE_IDS); null validates every pending number in scope. */
  phoneIds: number[] | null;
  maxId: number;
  total: number;
  batchSize: number;
}

/** What a run carries into the next: the chunk's figures so far and where the lookups came from. */
export type PhoneValidationState = Pick<ValidationChunkOutput, 'nextBatch' | 'lastId' | 'validated' | 'valid' | 'invalid' | 'lookedUp'> & { source: string | null };

/**
 * Validates the pending numbers in scope, batch by batch through the number-lookup provider; each
 * number ends valid or invalid, with carrier and line type, exactly once. Continues as new every
 * CHUNKS_PER_RUN chunks; a cancel stops it before the next batch and keeps what was stored.
 */
export async function phoneValidationWorkflow(input: PhoneValidationInput, carried?: PhoneValidationState): Promise<Record<string, unknown>> {
  const state: PhoneValidationState = carried ?? { nextBatch: 0, lastId: 0, validated: 0, valid: 0, invalid: 0, lookedUp: 0, source: null };
  const progress: TaskProgress = { status: 'in_progress', processed: state.validated, total: input.total, currentStep: 'Validating numbers' };
  const task = new TaskWorkflow(progress, phoneTaskCancel(input.taskId));
  const result = () => ({
    total_validated: state.validated,
    valid_numbers: state.valid,
    invalid_numbers: state.invalid,
    success_rate: percent(state.validated, input.total),
    validity_rate: percent(state.valid, state.validated),
    total_numbers: input.total,
    numbers_looked_up: state.lookedUp,
    lookup_source: state.source,
  });
  try {
    if (!carried) await taskActivities.taskStarted({ taskId: input.taskId, currentStep: 'Validating numbers' });
    const chunkSize = batchesPerChunk(input.batchSize);
    for (let chunks = 0; !task.cancelRequested; chunks++) {
      const ids = input.phoneIds ? input.phoneIds.filter((id) => id > state.lastId).slice(0, chunkSize * input.batchSize) : null;
      if (ids && !ids.length) break;
      if (chunks === CHUNKS_PER_RUN) {
        await condition(allHandlersFinished);
        if (task.cancelRequested) break;
        return await continueAsNew<typeof phoneValidationWorkflow>(input, state);
      }
      const out = await chunkActivities.validatePhoneChunk({
        taskId: input.taskId,
        tenantId: input.tenantId,
        projectId: input.projectId,
        generationTaskId: input.generationTaskId,
        maxId: input.maxId,
        total: input.total,
        batchSize: input.batchSize,
        phoneIds: ids,
        fromBatch: state.nextBatch,
        maxBatches: chunkSize,
        lastId: state.lastId,
        validated: state.validated,
      });
      Object.assign(state, { nextBatch: out.nextBatch, lastId: out.lastId, validated: out.validated, source: out.source });
      state.valid += out.valid;
      state.invalid += out.invalid;
      state.lookedUp += out.lookedUp;
      progress.processed = state.validated;
      progress.currentStep = `Validated ${state.validated} of ${input.total}`;
      if (out.stopped) task.cancelRequested = true;
      else if (out.done && !ids) break;
    }
    return await task.finish(async (cancelled) => {
      if (cancelled) await taskActivities.taskCancelled({ taskId: input.taskId, result: { ...result(), cancelled: true } });
      else await taskActivities.taskCompleted({ taskId: input.taskId, result: result() });
      return result();
    });
  } catch (err) {
    return task.fail(err, {
      cancelled: () => taskActivities.taskCancelled({ taskId: input.taskId, result: { ...result(), cancelled: true } }),
      failed: (error, code) => taskActivities.taskFailed({ taskId: input.taskId, error, result: { ...result(), error_code: code } }),
      failureType: 'PhoneValidationFailed',
    });
  }
}
