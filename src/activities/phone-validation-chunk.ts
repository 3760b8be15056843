import type pg from 'pg';
import type { CachedLookup } from '../domain/phone/lookup-cache.js';
import { TaskReporter } from '../domain/tasks/task-reporter.js';
import { inTransactionOrRollback, Rollback, stopRequested } from './phone-transaction.js';

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

interface LedgerRow {
  last_id: number;
  validated: number;
  valid: number;
  invalid: number;
  looked_up: number;
  /** How many pending numbers the batch found; fewer than the batch size means the walk is over. */
  found: number;
}

type BatchOutcome = { kind: 'done'; row: LedgerRow } | { kind: 'stopped' };

/**
 * Validates up to `maxBatches` batches: a page of pending numbers after `lastId`, looked up through the
 * cache, updated in one statement guarded by `status = 'pending'` (so no number is validated twice even
 * by two tasks at once), committed with its ledger row and the task's progress.
 */
export async function validateChunk(
  deps: { pool: pg.Pool; lookup: CachedLookup; heartbeat: (details?: unknown) => void },
  input: ValidationChunkInput,
): Promise<ValidationChunkOutput> {
  const reporter = new TaskReporter(deps.pool);
  const out: ValidationChunkOutput = { nextBatch: input.fromBatch, lastId: input.lastId, validated: input.validated, valid: 0, invalid: 0, lookedUp: 0, done: false, stopped: false };
  while (out.nextBatch < input.fromBatch + input.maxBatches) {
    const batchNo = out.nextBatch;
    const outcome = await inTransactionOrRollback<BatchOutcome>(deps.pool, async (client) => {
      const claimed = await client.query(
        `insert into phone_validation_batches (task_id, batch_no, last_id, validated, valid, invalid) values ($1, $2, $3, 0, 0, 0) on conflict do nothing`,
        [input.taskId, batchNo, out.lastId],
      );
      if (!claimed.rowCount) throw new Rollback<BatchOutcome>({ kind: 'done', row: await committedBatch(deps.pool, input.taskId, batchNo) });
      if (await stopRequested(client, input.taskId)) throw new Rollback<BatchOutcome>({ kind: 'stopped' });
      const page = await pendingPage(client, input, out.lastId);
      const { answers, asked, stored } = await deps.lookup.lookup(page.map((p) => p.number), { onProgress: () => deps.heartbeat() });
      const updating = client.query<{ status: 'valid' | 'invalid' }>(
        `update phone_numbers p
            set status = case when u.v then 'valid' else 'invalid' end, carrier = u.c, line_type = u.t, lookup_source = $5, validated_at = now()
           from unnest($1::bigint[], $2::boolean[], $3::text[], $4::text[]) as u(id, v, c, t)
          where p.id = u.id and p.status = 'pending' and p.tenant_id = $6 and p.id between $7 and $8
          returning p.status`,
        // The id range lets the join start at the page instead of walking the primary key from its first id.
        [
          page.map((p) => p.id),
          page.map((p) => answers.get(p.number)!.valid),
          page.map((p) => answers.get(p.number)!.carrier),
          page.map((p) => answers.get(p.number)!.lineType),
          deps.lookup.source,
          input.tenantId,
          page[0]?.id ?? 0,
          page[page.length - 1]?.id ?? 0,
        ],
      );
      const [{ rows: updated }] = await Promise.all([updating, stored]);
      const valid = updated.filter((u) => u.status === 'valid').length;
      const row: LedgerRow = { last_id: pageEnd(input, page, out.lastId), validated: updated.length, valid, invalid: updated.length - valid, looked_up: asked, found: page.length };
      await client.query(
        `update phone_validation_batches set last_id = $3, validated = $4, valid = $5, invalid = $6, looked_up = $7, found = $8 where task_id = $1 and batch_no = $2`,
        [input.taskId, batchNo, row.last_id, row.validated, row.valid, row.invalid, row.looked_up, row.found],
      );
      if (row.validated > 0 || row.found === 0) {
        await reporter.progress(input.taskId, { processed: out.validated + row.validated, total: input.total, currentStep: `Validating batch ${batchNo + 1}/${Math.max(1, Math.ceil(input.total / input.batchSize))}` }, client);
      }
      return { kind: 'done', row };
    });
    if (outcome.kind === 'stopped') return { ...out, stopped: true };
    const row = outcome.row;
    out.nextBatch++;
    out.lastId = row.last_id;
    out.validated += row.validated;
    out.valid += row.valid;
    out.invalid += row.invalid;
    out.lookedUp += row.looked_up;
    deps.heartbeat({ batch: batchNo });
    if (row.found < input.batchSize) return { ...out, done: true };
  }
  return out;
}

async function pendingPage(client: pg.PoolClient, input: ValidationChunkInput, lastId: number) {
  const where = [`tenant_id = $1`, `status = 'pending'`, `id > $2`, `id <= $3`];
  const params: unknown[] = [input.tenantId, lastId, input.maxId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (input.projectId !== null) add('project_id = ?', input.projectId);
  if (input.generationTaskId !== null) add('generation_task_id = ?', input.generationTaskId);
  if (input.phoneIds !== null) add('id = any(?::bigint[])', input.phoneIds);
  params.push(input.batchSize);
  const { rows } = await client.query<{ id: number; number: string }>(
    `select id, number from phone_numbers where ${where.join(' and ')} order by id limit $${params.length}`,
    params,
  );
  return rows;
}

/** Where the next page starts; a short page over explicit ids has visited every id of the chunk. */
function pageEnd(input: ValidationChunkInput, page: { id: number }[], lastId: number): number {
  const seen = page.length ? page[page.length - 1].id : lastId;
  if (page.length < input.batchSize && input.phoneIds?.length) return Math.max(seen, input.phoneIds[input.phoneIds.length - 1]);
  return seen;
}

async function committedBatch(pool: pg.Pool, taskId: string, batchNo: number): Promise<LedgerRow> {
  const { rows } = await pool.query<LedgerRow>(
    `select last_id, validated, valid, invalid, looked_up, found from phone_validation_batches where task_id = $1 and batch_no = $2`,
    [taskId, batchNo],
  );
  return rows[0];
}
