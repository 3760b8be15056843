import { allHandlersFinished, condition, continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { ContactImportActivities } from '../activities/imports/contact-import.activities.js';
import type { ContactImportResult } from '../activities/imports/import-lifecycle.js';
import type { ImportOptions } from '../domain/imports/import-options.js';
import type { TaskProgress } from './shared/task-messages.js';
import { TaskWorkflow } from './shared/task-workflow.js';

export interface ContactImportInput {
  taskId: string;
  tenantId: number;
  uploadId: string;
  options: ImportOptions;
  /** Set when a run continues as new: the header is read and the ledger knows where to go on. */
  resumed?: { cancelRequested: boolean; progress: TaskProgress };
}

/** Activity calls per run before continuing as new; each call imports up to a minute of batches. */
const CALLS_PER_RUN = 50;

const batches = proxyActivities<ContactImportActivities>({
  startToCloseTimeout: '10 minutes',
  // A killed worker's call is retried elsewhere this soon; the ledger makes the retry start after the last commit.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 20 },
});
const steps = proxyActivities<ContactImportActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/**
 * Imports an uploaded CSV into the tenant's contacts: checks the header, then asks for batches of rows
 * until the file ends, continuing as new every CALLS_PER_RUN calls. The `cancel` update flags the ledger
 * and the import stops before its next batch; the task then ends cancelled with the counts so far.
 */
export async function contactImportWorkflow(input: ContactImportInput): Promise<ContactImportResult | null> {
  const progress: TaskProgress = input.resumed?.progress ?? { status: 'pending', processed: 0, total: 0, currentStep: 'Queued' };
  const task = new TaskWorkflow(progress, { record: () => steps.requestContactImportCancel({ taskId: input.taskId }) }, input.resumed?.cancelRequested);
  try {
    if (!input.resumed) {
      const prepared = await steps.prepareContactImport({ taskId: input.taskId, tenantId: input.tenantId, uploadId: input.uploadId, options: input.options });
      Object.assign(progress, { status: 'in_progress', processed: prepared.rowsRead, total: prepared.estimatedRows, currentStep: 'Importing' });
    }
    for (let call = 0; !task.cancelRequested; call++) {
      if (call >= CALLS_PER_RUN) {
        await condition(allHandlersFinished);
        return await continueAsNew<typeof contactImportWorkflow>({ ...input, resumed: { cancelRequested: task.cancelRequested, progress } });
      }
      const run = await batches.importContactBatches({ taskId: input.taskId, options: input.options });
      Object.assign(progress, { processed: run.rowsRead, total: Math.max(run.estimatedRows, run.rowsRead), currentStep: `Imported ${run.rowsRead} rows` });
      if (run.cancelled) task.cancelRequested = true;
      if (run.done || run.cancelled) break;
    }
    return await task.finish((cancelled) => steps.finishContactImport({ taskId: input.taskId, cancelled }));
  } catch (err) {
    return task.fail(err, {
      cancelled: () => steps.finishContactImport({ taskId: input.taskId, cancelled: true }),
      failed: (error) => steps.failContactImport({ taskId: input.taskId, error }),
      failureType: 'ContactImportFailed',
    });
  }
}
