import { ApplicationFailure, Context } from '@temporalio/activity';
import type { ActivityDeps } from '../activity-deps.js';
import type { ObjectStorage } from '../../domain/storage/object-storage.js';
import { LocalDiskStorage } from '../../domain/storage/local-disk-storage.js';
import { ImportFileError } from '../../domain/imports/import-errors.js';
import { ImportLedger } from '../../db/imports/import-ledger.js';
import type { ImportOptions } from '../../domain/imports/import-options.js';
import { runImportBatches, type RunResult } from './import-runner.js';
import { finishImport, prepareImport, type ContactImportResult } from './import-lifecycle.js';
import { TaskReporter } from '../../db/tasks/task-reporter.js';

/** One activity call hands back its resume point after this long, so the workflow's history stays short. */
const CALL_BUDGET_MS = 60_000;
/** Well inside the workflow's 20 s heartbeat timeout, whatever one batch's commit costs on a busy host. */
const HEARTBEAT_EVERY_MS = 5_000;

/** The contact import's activities; storage defaults to DATA_DIR on local disk. */
export function createContactImportActivities(deps: Pick<ActivityDeps, 'db' | 'config'> & { storage?: ObjectStorage }) {
  const pool = deps.db.pool;
  const storage = deps.storage ?? new LocalDiskStorage(deps.config.dataDir);
  return {
    /** Reads and checks the header, estimates the row count, opens the ledger. Idempotent. */
    async prepareContactImport(input: { taskId: string; tenantId: number; uploadId: string; options: ImportOptions }): Promise<{ estimatedRows: number; rowsRead: number }> {
      return asActivityFailure(() => prepareImport(pool, storage, input));
    },

    /** Imports batches from the ledger's resume point, heartbeating on a timer; returns where it stopped. */
    async importContactBatches(input: { taskId: string; options: ImportOptions }): Promise<RunResult> {
      const ctx = Context.current();
      const deadline = Date.now() + CALL_BUDGET_MS;
      let position: unknown;
      const beat = setInterval(() => ctx.heartbeat(position), HEARTBEAT_EVERY_MS);
      try {
        return await asActivityFailure(() =>
          runImportBatches(pool, storage, input.taskId, input.options, {
            committed: (at) => {
              position = at;
              ctx.heartbeat(at);
            },
            shouldYield: () => Date.now() >= deadline,
          }),
        );
      } finally {
        clearInterval(beat);
      }
    },

    /** Flags the ledger so the next batch does not start; false when every row is already stored. */
    async requestContactImportCancel(input: { taskId: string }): Promise<{ accepted: boolean }> {
      return { accepted: await new ImportLedger(pool).requestCancel(input.taskId) };
    },

    /** Stores the rejected-rows report and closes the task with the counts. */
    async finishContactImport(input: { taskId: string; cancelled: boolean }): Promise<ContactImportResult | null> {
      return finishImport(pool, storage, input);
    },

    async failContactImport(input: { taskId: string; error: string }): Promise<void> {
      await new TaskReporter(pool).failed(input.taskId, input.error);
    },
  };
}

export type ContactImportActivities = ReturnType<typeof createContactImportActivities>;

/** A file that cannot be imported is a business failure: no retry will change it. */
async function asActivityFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ImportFileError) throw ApplicationFailure.nonRetryable(err.message, err.type);
    throw err;
  }
}
