import type pg from 'pg';
import type { ObjectStorage } from '../../domain/storage/object-storage.js';
import { defaultRegionOf } from '../../db/contacts/tenant-region.js';
import { TaskReporter } from '../../db/tasks/task-reporter.js';
import { inTransactionOrRollback, Rollback } from '../../db/transaction.js';
import { mapHeader } from '../../domain/imports/csv-header.js';
import { csvRecords } from '../../domain/imports/csv-records.js';
import { upsertContacts } from '../../db/contacts/contact-upsert.js';
import { tallyBatch } from '../../domain/imports/batch-tally.js';
import { ImportLedger, type ImportCounts, type LedgerRow } from '../../db/imports/import-ledger.js';
import type { ImportOptions } from '../../domain/imports/import-options.js';
import { memoisedPhoneNormaliser } from '../../domain/imports/phone-memo.js';
import { recordRejections, type RejectedRow } from '../../db/imports/rejected-rows.js';
import { mapRecord } from '../../domain/imports/row-mapper.js';
import type { StagedRow } from '../../db/contacts/contact-staging.js';
import { openUploadFile } from './upload-file.js';

export interface RunHooks {
  /** Called after each committed batch (the activity heartbeats here). */
  committed(position: { rowsRead: number; byteOffset: number }): void;
  /** True when this call has done its share and should hand the resume point back. */
  shouldYield(): boolean;
}

export interface RunResult extends ImportCounts {
  done: boolean;
  cancelled: boolean;
  rowsRead: number;
  estimatedRows: number;
}

interface PendingBatch {
  valid: StagedRow[];
  fieldsOf: Map<number, string[]>;
  rejected: RejectedRow[];
}

/**
 * Imports batches from the ledger's resume point until the file ends, a cancel is seen, or the hooks
 * say to yield. Each batch — contacts, rejected rows, ledger, task progress — is one transaction, so a
 * crash anywhere repeats at most the uncommitted batch and never a committed row.
 */
export async function runImportBatches(pool: pg.Pool, storage: ObjectStorage, taskId: string, options: ImportOptions, hooks: RunHooks): Promise<RunResult> {
  let ledger = await new ImportLedger(pool).find(taskId);
  if (!ledger) throw new Error(`No import ledger for task ${taskId}; the import was not prepared.`);
  if (ledger.done || ledger.cancel_requested) return resultOf(ledger, ledger.cancel_requested && !ledger.done);
  const file = await openUploadFile(pool, storage, ledger.tenant_id, ledger.upload_id);
  const header = mapHeader(ledger.header, options.maxColumns);
  const region = await defaultRegionOf(pool, ledger.tenant_id);
  const phone = memoisedPhoneNormaliser();

  let batch = emptyBatch();
  let lastRow = ledger.rows_read + 1;
  // The batch before this one, committing while this one is parsed: node and PostgreSQL each keep a core busy.
  let committing: Promise<LedgerRow> | undefined;
  /** Waits for the batch in flight; answers the result to hand back when the run stops after it. */
  const land = async (): Promise<RunResult | undefined> => {
    if (!committing) return undefined;
    const landed = committing;
    committing = undefined;
    ledger = await landed;
    if (ledger.cancel_requested) return resultOf(ledger, true);
    hooks.committed({ rowsRead: ledger.rows_read, byteOffset: ledger.byte_offset });
    if (ledger.done || hooks.shouldYield()) return resultOf(ledger, false);
    return undefined;
  };
  const records = csvRecords(file, { headerEnd: ledger.header_end, from: ledger.byte_offset, firstRow: ledger.rows_read + 2, maxRecordBytes: options.maxRecordBytes });
  try {
    for await (const item of records) {
      lastRow = item.row;
      if (item.kind === 'malformed') batch.rejected.push({ row: item.row, reason: item.reason, fields: item.fields });
      else {
        const mapped = mapRecord(item.fields, header, region, phone);
        if (mapped.ok) {
          batch.valid.push({ row: item.row, contact: mapped.row });
          batch.fieldsOf.set(item.row, item.fields);
        } else batch.rejected.push({ row: item.row, reason: mapped.reason, fields: item.fields });
        if (batch.valid.length + batch.rejected.length < options.batchRows) continue;
        const stop = await land();
        if (stop) return stop;
        committing = commitBatch(pool, ledger, batch, { byteOffset: item.end, rowsRead: item.row - 1, done: item.end >= file.size });
        committing.catch(() => undefined); // awaited by land(); this only keeps a failure from counting as unhandled meanwhile
        batch = emptyBatch();
        // This call's share is done: hand back after this batch rather than parse one that would be dropped.
        if (hooks.shouldYield()) return (await land())!;
      }
    }
    const stop = await land();
    if (stop) return stop;
  } finally {
    // A parse error while a batch commits: let that transaction end before the error goes up.
    await committing?.catch(() => undefined);
  }
  ledger = await commitBatch(pool, ledger, batch, { byteOffset: file.size, rowsRead: Math.max(ledger.rows_read, lastRow - 1), done: true });
  hooks.committed({ rowsRead: ledger.rows_read, byteOffset: ledger.byte_offset });
  return resultOf(ledger, ledger.cancel_requested);
}

const emptyBatch = (): PendingBatch => ({ valid: [], fieldsOf: new Map(), rejected: [] });

/**
 * Writes one batch and moves the ledger, all or nothing. The ledger row is locked first: a cancel
 * request committed before this point stops the import here, and a ledger that moved since this run
 * read it means another execution owns the import (this one fails and is retried from the new point).
 */
async function commitBatch(pool: pg.Pool, before: LedgerRow, batch: PendingBatch, to: { byteOffset: number; rowsRead: number; done: boolean }): Promise<LedgerRow> {
  return inTransactionOrRollback(pool, async (client) => {
    const ledger = new ImportLedger(client);
    await ledger.serialiseBatch(before.task_id);
    const current = (await ledger.find(before.task_id, { forUpdate: true }))!;
    if (current.cancel_requested) throw new Rollback(current);
    if (Number(current.byte_offset) !== Number(before.byte_offset)) throw new Error(`Import ${before.task_id} moved on elsewhere (offset ${current.byte_offset}, expected ${before.byte_offset}).`);
    const outcome = tallyBatch(await upsertContacts(client, current.tenant_id, batch.valid, { onExisting: 'update' }));
    const notImported = [...batch.rejected, ...outcome.rejected.map(withFields(batch)), ...outcome.skipped.map(withFields(batch))];
    await recordRejections(client, current.task_id, notImported);
    const after = await ledger.advance(current.task_id, {
      byteOffset: to.byteOffset,
      rowsRead: to.rowsRead,
      done: to.done,
      created: outcome.created,
      updated: outcome.updated,
      skipped: outcome.skipped.length,
      rejected: batch.rejected.length + outcome.rejected.length,
    });
    const total = Math.max(after.estimated_rows, after.rows_read);
    await new TaskReporter(client).progress(after.task_id, { processed: after.rows_read, total, currentStep: `Imported ${after.rows_read} of about ${total} rows` });
    return after;
  });
}

const withFields = (batch: PendingBatch) => (note: { row: number; reason: string }): RejectedRow => ({ ...note, fields: batch.fieldsOf.get(note.row) ?? [] });

function resultOf(l: LedgerRow, cancelled: boolean): RunResult {
  return {
    done: l.done,
    cancelled,
    rowsRead: l.rows_read,
    estimatedRows: l.estimated_rows,
    created: l.created,
    updated: l.updated,
    skipped: l.skipped,
    rejected: l.rejected,
  };
}
