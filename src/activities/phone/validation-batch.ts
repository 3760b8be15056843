import type pg from 'pg';
import type { CachedLookup } from '../../db/phone/lookup-cache.js';
import type { TaskReporter } from '../../db/tasks/task-reporter.js';
import type { ValidationChunkInput } from './validation-chunk.js';
import { stopRequested } from './stop-request.js';

/** A validation batch as its ledger row keeps it. */
export interface ValidationLedgerRow {
  last_id: number;
  validated: number;
  valid: number;
  invalid: number;
  looked_up: number;
  /** How many pending numbers the batch found; fewer than the batch size means the walk is over. */
  found: number;
}

interface PageRow {
  id: number;
  number: string;
}

/** A batch after its first phase: open (a transaction holding its claim and page), already committed, or stopped. */
export type OpenedBatch =
  | { kind: 'open'; batchNo: number; client: pg.PoolClient; page: PageRow[]; endId: number }
  | { kind: 'committed'; batchNo: number; row: ValidationLedgerRow }
  | { kind: 'stopped' };

/**
 * Begins the batch: claims its ledger row (an earlier attempt's commit wins, and is read back), checks
 * for a stop request, and reads its page of pending numbers after `lastId`.
 */
export async function openBatch(pool: pg.Pool, input: ValidationChunkInput, batchNo: number, lastId: number): Promise<OpenedBatch> {
  const client = await pool.connect();
  const close = async () => {
    await client.query('rollback').catch(() => undefined);
    client.release();
  };
  try {
    await client.query('begin');
    const claimed = await client.query(
      `insert into phone_validation_batches (task_id, batch_no, last_id, validated, valid, invalid) values ($1, $2, $3, 0, 0, 0) on conflict do nothing`,
      [input.taskId, batchNo, lastId],
    );
    if (!claimed.rowCount) {
      await close();
      return { kind: 'committed', batchNo, row: await committedBatch(pool, input.taskId, batchNo) };
    }
    if (await stopRequested(client, input.taskId)) {
      await close();
      return { kind: 'stopped' };
    }
    const page = await pendingPage(client, input, lastId);
    return { kind: 'open', batchNo, client, page, endId: pageEnd(input, page, lastId) };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Looks the page up, updates it in one statement guarded by `status = 'pending'` (so no number is
 * validated twice, even by two tasks at once), writes the ledger row and the task's progress, commits.
 */
export async function finishBatch(
  deps: { lookup: CachedLookup; reporter: TaskReporter; heartbeat: () => void },
  input: ValidationChunkInput,
  batch: Extract<OpenedBatch, { kind: 'open' }>,
  processedBefore: number,
): Promise<ValidationLedgerRow> {
  const { client, page } = batch;
  try {
    const { answers, asked, stored } = await deps.lookup.lookup(page.map((p) => p.number), { onProgress: deps.heartbeat });
    const answer = (p: PageRow) => answers.get(p.number)!;
    const updating = client.query<{ validated: number; valid: number }>(
      `with updated as (
         update phone_numbers p
            set status = case when u.v then 'valid' else 'invalid' end, carrier = u.c, line_type = u.t, lookup_source = $5, validated_at = now()
           from unnest($1::bigint[], $2::boolean[], $3::text[], $4::text[]) as u(id, v, c, t)
          where p.id = u.id and p.status = 'pending' and p.tenant_id = $6 and p.id between $7 and $8
          returning p.status)
       select count(*)::int as validated, (count(*) filter (where status = 'valid'))::int as valid from updated`,
      // The id range lets the join start at the page instead of walking the primary key from its first id.
      [
        page.map((p) => p.id),
        page.map((p) => answer(p).valid),
        page.map((p) => answer(p).carrier),
        page.map((p) => answer(p).lineType),
        deps.lookup.source,
        input.tenantId,
        page[0]?.id ?? 0,
        page[page.length - 1]?.id ?? 0,
      ],
    );
    const [{ rows: [counts] }] = await Promise.all([updating, stored]);
    const row: ValidationLedgerRow = { last_id: batch.endId, validated: counts.validated, valid: counts.valid, invalid: counts.validated - counts.valid, looked_up: asked, found: page.length };
    await client.query(
      `update phone_validation_batches set last_id = $3, validated = $4, valid = $5, invalid = $6, looked_up = $7, found = $8 where task_id = $1 and batch_no = $2`,
      [input.taskId, batch.batchNo, row.last_id, row.validated, row.valid, row.invalid, row.looked_up, row.found],
    );
    if (row.validated > 0 || row.found === 0) {
      const batches = Math.max(1, Math.ceil(input.total / input.batchSize));
      await deps.reporter.progress(input.taskId, { processed: processedBefore + row.validated, total: input.total, currentStep: `Validating batch ${batch.batchNo + 1}/${batches}` }, client);
    }
    await client.query('commit');
    return row;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function pendingPage(client: pg.PoolClient, input: ValidationChunkInput, lastId: number): Promise<PageRow[]> {
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
  const { rows } = await client.query<PageRow>(`select id, number from phone_numbers where ${where.join(' and ')} order by id limit $${params.length}`, params);
  return rows;
}

/** Where the next page starts; a short page over explicit ids has visited every id of the chunk. */
function pageEnd(input: ValidationChunkInput, page: PageRow[], lastId: number): number {
  const seen = page.length ? page[page.length - 1].id : lastId;
  if (page.length < input.batchSize && input.phoneIds?.length) return Math.max(seen, input.phoneIds[input.phoneIds.length - 1]);
  return seen;
}

async function committedBatch(pool: pg.Pool, taskId: string, batchNo: number): Promise<ValidationLedgerRow> {
  const { rows } = await pool.query<ValidationLedgerRow>(
    `select last_id, validated, valid, invalid, looked_up, found from phone_validation_batches where task_id = $1 and batch_no = $2`,
    [taskId, batchNo],
  );
  return rows[0];
}
