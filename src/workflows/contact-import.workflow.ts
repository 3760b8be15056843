import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { ContactImportActivities } from '../activities/imports/contact-import.activities.js';
import type { ContactImportResult } from '../activities/imports/import-lifecycle.js';
import type { ImportOptions } from '../domain/imports/import-options.js';
import { cancelUpdate, progressQuery, type TaskProgress } from './shared/task-messages.js';

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
  let cancelRequested = input.resumed?.cancelRequested ?? false;
  let finishing = false;

  setHandler(progressQuery, () => progress);
  setHandler(
    cancelUpdate,
    async () => {
      const { accepted } = await steps.requestContactImportCancel({ taskId: input.taskId });
      if (accepted) cancelRequested = true;
      return { accepted, status: accepted ? 'cancelled' : progress.status };
    },
    {
      validator: () => {
        if (finishing) throw new Error(`The import is already ${progress.status === 'in_progress' ? 'finishing' : progress.status}.`);
      },
    },
  );

  try {
    if (!input.resumed) {
      const prepared = await steps.prepareContactImport({ taskId: input.taskId, tenantId: input.tenantId, uploadId: input.uploadId, options: input.options });
      Object.assign(progress, { status: 'in_progress', processed: prepared.rowsRead, total: prepared.estimatedRows, currentStep: 'Importing' });
    }
    for (let call = 0; !cancelRequested; call++) {
      if (call >= CALLS_PER_RUN) {
        await condition(allHandlersFinished);
        return await continueAsNew<typeof contactImportWorkflow>({ ...input, resumed: { cancelRequested, progress } });
      }
      const run = await batches.importContactBatches({ taskId: input.taskId, options: input.options });
      Object.assign(progress, { processed: run.rowsRead, total: Math.max(run.estimatedRows, run.rowsRead), currentStep: `Imported ${run.rowsRead} rows` });
      if (run.cancelled) cancelRequested = true;
      if (run.done || run.cancelled) break;
    }
    finishing = true;
    await condition(allHandlersFinished);
    const result = await steps.finishContactImport({ taskId: input.taskId, cancelled: cancelRequested });
    progress.status = cancelRequested ? 'cancelled' : 'completed';
    return result;
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err;
    finishing = true;
    if (isCancellation(err)) {
      // An operator cancelled the workflow itself: the task still ends cancelled with its counts.
      await CancellationScope.nonCancellable(() => steps.finishContactImport({ taskId: input.taskId, cancelled: true }));
      progress.status = 'cancelled';
      throw err;
    }
    const failure = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
    const message = failure?.message ?? (err as Error).message;
    await steps.failContactImport({ taskId: input.taskId, error: message });
    progress.status = 'failed';
    await condition(allHandlersFinished);
    throw ApplicationFailure.nonRetryable(message, failure?.type ?? 'ContactImportFailed');
  }
}
