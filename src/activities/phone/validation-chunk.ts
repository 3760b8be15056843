import type pg from 'pg';
import type { CachedLookup } from '../../db/phone/lookup-cache.js';
import { TaskReporter } from '../../db/tasks/task-reporter.js';
import { finishBatch, openBatch, type ValidationLedgerRow } from './validation-batch.js';

/** Which numbers a validation task covers: pending ones of the tenant, narrowed by the fields set. */
export interface ValidationScope {
  tenantId: number;
  projectId: string | null;
  generationTaskId: string | null;
  /** Numbers at or below this id were there when the task started; later ones are not its business. */
  maxId: number;
}

export interface ValidationChunkInput extends ValidationScope {
  taskId: string;
  total: number;
  batchSize: number;
  /** Explicit ids (ascending) still to visit in this chunk; null to walk the scope by id. */
  phoneIds: number[] | null;
  fromBatch: number;
  maxBatches: number;
  lastId: number;
  validated: number;
}

export interface ValidationChunkOutput {
  nextBatch: number;
  lastId: number;
  validated: number;
  valid: number;
  invalid: number;
  lookedUp: number;
  /** No pending number is left after `lastId` in this chunk's reach. */
  done: boolean;
  stopped: boolean;
}

/**
 * Validates up to `maxBatches` batches, each committed in its own transaction with its ledger row and
 * the task's progress. Two batches overlap: while one is looked up and updated, the next one claims and
 * reads its page (ids after the first's, so the two never touch the same row), and PostgreSQL works on
 * both updates at once. A batch an earlier attempt committed is read back from the ledger, never redone.
 */
export async function validateChunk(
  deps: { pool: pg.Pool; lookup: CachedLookup; heartbeat: (details?: unknown) => void },
  input: ValidationChunkInput,
): Promise<ValidationChunkOutput> {
  const finishDeps = { lookup: deps.lookup, reporter: new TaskReporter(deps.pool), heartbeat: () => deps.heartbeat() };
  const out: ValidationChunkOutput = { nextBatch: input.fromBatch, lastId: input.lastId, validated: input.validated, valid: 0, invalid: 0, lookedUp: 0, done: false, stopped: false };
  let opened = input.validated;
  let inFlight: { batchNo: number; finishing: Promise<ValidationLedgerRow> } | null = null;
  const started: Promise<unknown>[] = [];
  const settle = async () => {
    if (!inFlight) return;
    const { batchNo, finishing } = inFlight;
    inFlight = null;
    const row = await finishing;
    out.validated += row.validated;
    out.valid += row.valid;
    out.invalid += row.invalid;
    out.lookedUp += row.looked_up;
    deps.heartbeat({ batch: batchNo });
  };
  try {
    while (out.nextBatch < input.fromBatch + input.maxBatches) {
      const batch = await openBatch(deps.pool, input, out.nextBatch, out.lastId);
      if (batch.kind === 'stopped') {
        await settle();
        return { ...out, stopped: true };
      }
      const found = batch.kind === 'open' ? batch.page.length : batch.row.found;
      out.lastId = batch.kind === 'open' ? batch.endId : batch.row.last_id;
      const finishing = batch.kind === 'open' ? finishBatch(finishDeps, input, batch, opened) : Promise.resolve(batch.row);
      started.push(finishing.catch(() => undefined)); // awaited below; until then a failure must not count as unhandled
      opened += found;
      await settle();
      inFlight = { batchNo: out.nextBatch++, finishing };
      if (found < input.batchSize) {
        await settle();
        return { ...out, done: true };
      }
    }
    await settle();
    return out;
  } catch (err) {
    // The other batch in flight ends (commits or rolls back) before the attempt gives up.
    await Promise.all(started);
    throw err;
  }
}
