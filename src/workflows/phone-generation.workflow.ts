import { ApplicationFailure, ParentClosePolicy, allHandlersFinished, condition, continueAsNew, startChild, uuid4 } from '@temporalio/workflow';
import { batchesPerChunk, CHUNKS_PER_RUN } from '../domain/phone/job-sizing.js';
import { PHONE_VALIDATION_KIND } from '../domain/phone/task-kinds.js';
import { tenantWorkflowIdentity } from '../temporal/tenant-workflow-identity.js';
import type { TaskProgress } from './shared/task-messages.js';
import { chunkActivities, taskActivities } from './shared/phone-activities.js';
import { phoneTaskCancel } from './shared/phone-task-cancel.js';
import { percent } from './shared/percent.js';
import { TaskWorkflow } from './shared/task-workflow.js';
import type { BusinessCode } from '../domain/shared/business-codes.js';
import { phoneValidationWorkflow } from './phone-validation.workflow.js';
import type { GenerationSpec } from '../domain/phone/generation-spec.js';

export interface PhoneGenerationInput extends GenerationSpec {
  taskId: string;
  autoValidate: boolean;
}

export interface PhoneGenerationState {
  nextBatch: number;
  cursor: number;
  generated: number;
  lookedUp: number;
}

/**
 * Generates `quantity` unique numbers of one area code for a project, in idempotent batches committed
 * by chunk activities. With filters every candidate is looked up and only matches are kept. With
 * `autoValidate` a validation task of its own follows (a child workflow that outlives this one).
 */
export async function phoneGenerationWorkflow(input: PhoneGenerationInput, carried?: PhoneGenerationState): Promise<Record<string, unknown>> {
  const state: PhoneGenerationState = carried ?? { nextBatch: 0, cursor: 0, generated: 0, lookedUp: 0 };
  const progress: TaskProgress = { status: 'in_progress', processed: state.generated, total: input.quantity, currentStep: 'Generating numbers' };
  const task = new TaskWorkflow(progress, phoneTaskCancel(input.taskId));
  const result = (extra: Record<string, unknown> = {}) => ({
    total_generated: state.generated,
    success_rate: percent(state.generated, input.quantity),
    requested: input.quantity,
    area_code: input.areaCode,
    project_id: input.projectId,
    batches: state.nextBatch,
    carrier_filter: input.carrierFilter,
    type_filter: input.typeFilter,
    numbers_looked_up: state.lookedUp,
    ...extra,
  });
  try {
    if (!carried) await taskActivities.taskStarted({ taskId: input.taskId, currentStep: 'Generating numbers' });
    for (let chunks = 0; state.generated < input.quantity && !task.cancelRequested; chunks++) {
      if (chunks === CHUNKS_PER_RUN) {
        await condition(allHandlersFinished);
        if (task.cancelRequested) break;
        return await continueAsNew<typeof phoneGenerationWorkflow>(input, state);
      }
      const out = await chunkActivities.generatePhoneChunk({
        ...omitAutoValidate(input),
        fromBatch: state.nextBatch,
        maxBatches: batchesPerChunk(input.batchSize),
        cursor: state.cursor,
        generated: state.generated,
      });
      Object.assign(state, { nextBatch: out.nextBatch, cursor: out.cursor, generated: out.generated });
      state.lookedUp += out.lookedUp;
      progress.processed = state.generated;
      progress.currentStep = `Generated ${state.generated} of ${input.quantity}`;
      if (out.stopped) task.cancelRequested = true;
      else if (out.exhausted) throw ApplicationFailure.nonRetryable(exhaustedMessage(input, state.generated), AREA_CODE_EXHAUSTED);
    }
    return await task.finish(async (cancelled) => {
      if (cancelled) {
        await taskActivities.taskCancelled({ taskId: input.taskId, result: result({ cancelled: true }) });
      } else {
        const validationTaskId = input.autoValidate ? await chainValidation(input) : null;
        await taskActivities.taskCompleted({ taskId: input.taskId, result: result({ validation_task_id: validationTaskId }) });
      }
      return result();
    });
  } catch (err) {
    return task.fail(err, {
      cancelled: () => taskActivities.taskCancelled({ taskId: input.taskId, result: result({ cancelled: true }) }),
      // The business code (AREA_CODE_EXHAUSTED, PROVIDER_REFUSED …) reaches clients in the task's result and as the workflow's failure type.
      failed: (error, code) => taskActivities.taskFailed({ taskId: input.taskId, error, result: result({ error_code: code }) }),
      failureType: 'PhoneGenerationFailed',
    });
  }
}

const AREA_CODE_EXHAUSTED: BusinessCode = 'AREA_CODE_EXHAUSTED';

function omitAutoValidate(input: PhoneGenerationInput) {
  const { autoValidate: _, ...rest } = input;
  return rest;
}

/** A validation task of its own for the numbers just generated, started as a child that outlives us. */
async function chainValidation(input: PhoneGenerationInput): Promise<string> {
  const task = await taskActivities.createChainedValidationTask({
    taskId: uuid4(),
    generationTaskId: input.taskId,
    tenantId: input.tenantId,
    userId: input.userId,
    projectId: input.projectId,
    batchSize: input.batchSize,
  });
  await startChild(phoneValidationWorkflow, {
    ...tenantWorkflowIdentity({ kind: PHONE_VALIDATION_KIND, tenantId: input.tenantId, id: task.taskId }),
    args: [{ taskId: task.taskId, tenantId: input.tenantId, projectId: input.projectId, generationTaskId: input.taskId, phoneIds: null, maxId: task.maxId, total: task.total, batchSize: input.batchSize }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    memo: { taskId: task.taskId, userId: input.userId },
  });
  return task.taskId;
}

function exhaustedMessage(input: PhoneGenerationInput, generated: number): string {
  const filters = [input.carrierFilter && `carrier "${input.carrierFilter}"`, input.typeFilter && `line type "${input.typeFilter}"`].filter(Boolean).join(' and ');
  return filters
    ? `Area code ${input.areaCode} could not supply ${input.quantity} numbers matching ${filters}: ${generated} found before the search limit.`
    : `Area code ${input.areaCode} ran out of free numbers for this project after ${generated} of ${input.quantity}.`;
}
