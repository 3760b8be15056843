import type pg from 'pg';
import type { ObjectStorage } from '../../domain/storage/object-storage.js';
import { TaskReporter } from '../../db/tasks/task-reporter.js';
import { inTransaction } from '../../db/transaction.js';
import { rejectedRowsKey } from '../../domain/uploads/upload-keys.js';
import { mapHeader } from '../../domain/imports/csv-header.js';
import { ImportFileError } from '../../domain/imports/import-errors.js';
import { ImportLedger } from '../../db/imports/import-ledger.js';
import type { ImportOptions } from '../../domain/imports/import-options.js';
import { countRecords } from '../../domain/imports/row-count.js';
import { exportRejections } from '../../db/imports/rejected-rows.js';
import { openUploadFile, readHeader } from './upload-file.js';

export interface ContactImportResult extends Record<string, unknown> {
  upload_id: string;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  total_rows: number;
  rejected_rows_url: string;
}

/**
 * Checks the header and opens the ledger at the first data row. Idempotent: a retry, or a run after
 * continue-as-new, finds the ledger and reads nothing again.
 */
export async function prepareImport(
  pool: pg.Pool,
  storage: ObjectStorage,
  input: { taskId: string; tenantId: number; uploadId: string; options: ImportOptions },
): Promise<{ estimatedRows: number; rowsRead: number }> {
  const ledgers = new ImportLedger(pool);
  const existing = await ledgers.find(input.taskId);
  if (existing) return { estimatedRows: existing.estimated_rows, rowsRead: existing.rows_read };
  const reporter = new TaskReporter(pool);
  await reporter.started(input.taskId, 'Reading the header');
  const file = await openUploadFile(pool, storage, input.tenantId, input.uploadId);
  const header = await readHeader(file, input.options.maxRecordBytes);
  if (!header) throw new ImportFileError('ImportFileEmpty', 'The file is empty: it needs a header row and at least one contact.');
  mapHeader(header.cells, input.options.maxColumns);
  const estimatedRows = await countRecords(file.read(header.end));
  const ledger = await ledgers.open({ ...input, header: header.cells, headerEnd: header.end, estimatedRows });
  await reporter.progress(input.taskId, { processed: 0, total: estimatedRows, currentStep: `Importing about ${estimatedRows} rows` });
  return { estimatedRows: ledger.estimated_rows, rowsRead: ledger.rows_read };
}

/**
 * Writes the report of rows not imported, then closes the task with the counts: completed, or
 * cancelled when a cancel stopped it (a workflow-level cancel before any batch counts too).
 */
export async function finishImport(pool: pg.Pool, storage: ObjectStorage, input: { taskId: string; cancelled: boolean }): Promise<ContactImportResult | null> {
  const ledger = await new ImportLedger(pool).find(input.taskId);
  const reporter = new TaskReporter(pool);
  if (!ledger) {
    await reporter.cancelled(input.taskId, { reason: 'cancelled before any row was read' });
    return null;
  }
  await exportRejections(pool, storage, ledger.task_id, ledger.header, rejectedRowsKey(ledger.tenant_id, ledger.upload_id));
  const result: ContactImportResult = {
    upload_id: ledger.upload_id,
    created: ledger.created,
    updated: ledger.updated,
    skipped: ledger.skipped,
    rejected: ledger.rejected,
    total_rows: ledger.rows_read,
    rejected_rows_url: `/api/upload/${ledger.upload_id}/rejected.csv`,
  };
  const cancelled = input.cancelled || (ledger.cancel_requested && !ledger.done);
  await inTransaction(pool, async (client) => {
    const r = new TaskReporter(client);
    if (cancelled) return void (await r.cancelled(ledger.task_id, result));
    // The row count was an estimate until now.
    await r.progress(ledger.task_id, { processed: ledger.rows_read, total: ledger.rows_read, currentStep: 'Finishing' });
    await r.completed(ledger.task_id, result);
  });
  return result;
}
