import type pg from 'pg';
import { areaCodeSpace } from '../../domain/phone/area-codes.js';
import { CandidateStream, hash32 } from '../../domain/phone/candidate-stream.js';
import { batchCount, drawLimit } from '../../domain/phone/job-sizing.js';
import type { CachedLookup } from '../../db/phone/lookup-cache.js';
import { TaskReporter } from '../../db/tasks/task-reporter.js';
import { drawBatch, lockBatchOwner, type GenerationTarget } from './generation-batch.js';
import { inTransactionOrRollback, Rollback } from '../../db/transaction.js';
import { stopRequested } from './stop-request.js';
import type { GenerationSpec } from '../../domain/phone/generation-spec.js';

export interface GenerationChunkInput extends GenerationSpec {
  taskId: string;
  /** The first batch this call handles, the stream position and the count stored before it. */
  fromBatch: number;
  maxBatches: number;
  cursor: number;
  generated: number;
}

export interface GenerationChunkOutput {
  nextBatch: number;
  cursor: number;
  generated: number;
  lookedUp: number;
  /** A stop (cancel) was requested; batches after `nextBatch - 1` were not started. */
  stopped: boolean;
  /** The area code (or the filtered-scan bound) ran out before the quantity was reached. */
  exhausted: boolean;
}

interface LedgerRow {
  batch_no: number;
  cursor_end: number;
  generated: number;
  looked_up: number;
}

type BatchOutcome = { kind: 'done'; row: LedgerRow } | { kind: 'stopped' };

/**
 * Commits up to `maxBatches` batches, each in its own transaction together with its ledger row and
 * the task's progress. A batch already in the ledger (an earlier attempt committed it) is read back,
 * never redone, so a retried chunk stores nothing twice.
 */
export async function generateChunk(
  deps: { pool: pg.Pool; lookup: CachedLookup; heartbeat: (details?: unknown) => void },
  input: GenerationChunkInput,
): Promise<GenerationChunkOutput> {
  const filtered = input.carrierFilter !== null || input.typeFilter !== null;
  const space = areaCodeSpace(input.areaCode, input.typeFilter);
  const stream = new CandidateStream(space, input.quantity, hash32(input.taskId));
  const target: GenerationTarget = {
    ...input,
    stream,
    limit: filtered ? Math.min(stream.length, drawLimit(input.quantity)) : stream.length,
    filters: filtered ? { carrier: input.carrierFilter, lineType: input.typeFilter } : null,
    lookup: deps.lookup,
    heartbeat: () => deps.heartbeat(),
  };
  const reporter = new TaskReporter(deps.pool);
  const totalBatches = batchCount(input.quantity, input.batchSize);
  const out: GenerationChunkOutput = { nextBatch: input.fromBatch, cursor: input.cursor, generated: input.generated, lookedUp: 0, stopped: false, exhausted: false };

  while (out.nextBatch < input.fromBatch + input.maxBatches && out.generated < input.quantity) {
    const batchNo = out.nextBatch;
    const want = Math.min(input.batchSize, input.quantity - out.generated);
    const outcome = await inTransactionOrRollback<BatchOutcome>(deps.pool, async (client) => {
      const claimed = await client.query(
        `insert into phone_generation_batches (task_id, batch_no, cursor_start, cursor_end, generated)
         values ($1, $2, $3, $3, 0) on conflict do nothing`,
        [input.taskId, batchNo, out.cursor],
      );
      if (!claimed.rowCount) throw new Rollback<BatchOutcome>({ kind: 'done', row: await committedBatch(deps.pool, input.taskId, batchNo) });
      if (await stopRequested(client, input.taskId)) throw new Rollback<BatchOutcome>({ kind: 'stopped' });
      await lockBatchOwner(client, input);
      const draw = await drawBatch(client, target, out.cursor, want);
      await client.query(
        `update phone_generation_batches set cursor_end = $3, generated = $4, looked_up = $5 where task_id = $1 and batch_no = $2`,
        [input.taskId, batchNo, draw.cursor, draw.generated, draw.lookedUp],
      );
      await reporter.progress(
        input.taskId,
        { processed: out.generated + draw.generated, total: input.quantity, currentStep: `Generating batch ${batchNo + 1}/${totalBatches}` },
        client,
      );
      return { kind: 'done', row: { batch_no: batchNo, cursor_end: draw.cursor, generated: draw.generated, looked_up: draw.lookedUp } };
    });
    if (outcome.kind === 'stopped') return { ...out, stopped: true };
    out.nextBatch++;
    out.cursor = outcome.row.cursor_end;
    out.generated += outcome.row.generated;
    out.lookedUp += outcome.row.looked_up;
    deps.heartbeat({ batch: batchNo });
    if (outcome.row.generated < want) return { ...out, exhausted: true };
  }
  return out;
}

async function committedBatch(pool: pg.Pool, taskId: string, batchNo: number): Promise<LedgerRow> {
  const { rows } = await pool.query<LedgerRow>(
    `select batch_no, cursor_end, generated, looked_up from phone_generation_batches where task_id = $1 and batch_no = $2`,
    [taskId, batchNo],
  );
  return rows[0];
}
