import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { eventually } from '../support/eventually.js';
import { recordHistory } from '../replay/record-history.js';
import { holdBatch } from './batch-gate.js';
import { countRows, post, taskRow, waitForTask } from './generation-support.js';

/**
 * A worker process is SIGKILLed in the middle of a job and another takes over: the job still ends with
 * every number stored, or validated, exactly once. Batches of 100 make each job long enough to continue
 * as new on the way, so that path is exercised too. The API and these workers use their own task queue,
 * so the run's shared worker never picks the job up, and each job is queued before a worker runs: a gate
 * set first holds it before batch 200 (20,000 items), where the worker is killed.
 */
const QUANTITY = 200_000;
const env = { TASK_QUEUE_PREFIX: `reliability-${randomBytes(4).toString('hex')}` };
const logFile = path.join(os.tmpdir(), `switchboard-${env.TASK_QUEUE_PREFIX}.log`);
const startWorker = () => startWorkerProcess({ env: { ...process.env, ...env }, logFile });

let app: TestApp;
let account: TestAccount;
let worker: WorkerProcess | undefined;
beforeAll(async () => ({ app, account } = await startTestAppWithAccount(env)));
afterAll(async () => {
  await worker?.stop();
  await app?.close();
});

/**
 * Queues a task while no worker runs, holds it before batch `batchNo`, starts a worker and kills it
 * while its chunk activity waits at the gate, then lets a new worker take over; says how far the task
 * had got at the kill.
 */
async function killMidway(kind: 'generation' | 'validation', batchNo: number, queue: () => Promise<string>): Promise<{ taskId: string; atKill: number }> {
  await worker?.stop();
  const taskId = await queue();
  const gate = await holdBatch(app, kind, account.tenantId, taskId, batchNo);
  try {
    worker = await startWorker();
    await gate.reached(240_000);
    await eventually(() => taskRow(app, taskId), (row) => row.processed_items === batchNo * 100, { what: `the batches before ${batchNo} to commit` });
    const { workflow_id } = await taskRow(app, taskId);
    expect(((await app.temporal.client.workflow.getHandle(workflow_id!).describe()).raw.pendingActivities ?? []).length).toBeGreaterThan(0);
    await worker.kill();
  } finally {
    await gate.release();
  }
  const { processed_items, status } = await taskRow(app, taskId);
  expect(status).toBe('in_progress');
  worker = await startWorker();
  return { taskId, atKill: processed_items };
}

/** Waits until visibility (eventually consistent) lists more than one run: the workflow continued as new. */
async function expectContinuedAsNew(workflowId: string): Promise<void> {
  const runs = async () => {
    let count = 0;
    for await (const _ of app.temporal.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) count++;
    return count;
  };
  await eventually(runs, (count) => count > 1, { timeout: 30_000, what: `${workflowId} listed with more than one run` });
}

test('when the worker is killed during a 200,000-number generation, then the next worker completes it with exactly 200,000 unique valid numbers', async () => {
  const { taskId, atKill } = await killMidway('generation', 200, async () => {
    const res = await post(app, account, '/generate-numbers-enhanced/', { project_id: 'rel', area_code: '305', quantity: QUANTITY, batch_size: 100 });
    expect(res.status).toBe(202);
    return res.body.data.task_id;
  });
  expect(atKill).toBe(20_000);

  const task = await waitForTask(app, taskId, ['completed'], 240_000);
  expect(task.result).toEqual(expect.objectContaining({ total_generated: QUANTITY, success_rate: 100 }));
  const { rows } = await app.owner.query<{ number: string }>(`select number from phone_numbers where generation_task_id = $1`, [taskId]);
  expect(rows).toHaveLength(QUANTITY);
  expect(new Set(rows.map((r) => r.number)).size).toBe(QUANTITY);
  const validByExchange = new Map<string, boolean>();
  const bad = rows.filter(({ number }) => {
    const exchange = number.slice(0, 8);
    if (!validByExchange.has(exchange)) validByExchange.set(exchange, parsePhoneNumberFromString(number)?.isValid() === true);
    const [nxx, line] = [Number(number.slice(5, 8)), Number(number.slice(8))];
    return !validByExchange.get(exchange) || !number.startsWith('+1305') || nxx % 100 === 11 || (nxx === 555 && line >= 100 && line <= 199);
  });
  expect(bad).toEqual([]);
  // Spot-check the exchange shortcut against a full parse.
  for (const { number } of rows.slice(0, 2000)) expect(parsePhoneNumberFromString(number)?.isValid()).toBe(true);
  expect(await countRows(app, `select sum(generated)::int as n from phone_generation_batches where task_id = $1`, [taskId])).toBe(QUANTITY);
  await expectContinuedAsNew(task.workflow_id!);
  await recordHistory(app, task.workflow_id!, 'phone-generation-continued');
}, 400_000);

test('when the worker is killed during validation of those numbers, then the next worker validates every number exactly once', async () => {
  const { taskId, atKill } = await killMidway('validation', 200, async () => {
    const res = await post(app, account, '/validate-numbers-enhanced/', { project_id: 'rel', batch_size: 100 });
    expect(res.status).toBe(202);
    expect(res.body.data.total_numbers).toBe(QUANTITY);
    return res.body.data.task_id;
  });
  expect(atKill).toBe(20_000);

  const task = await waitForTask(app, taskId, ['completed'], 240_000);
  expect(task.result).toEqual(expect.objectContaining({ total_validated: QUANTITY, valid_numbers: QUANTITY, invalid_numbers: 0 }));
  const scope = [account.tenantId];
  expect(await countRows(app, `select count(*)::int as n from phone_numbers where tenant_id = $1 and project_id = 'rel' and status = 'pending'`, scope)).toBe(0);
  expect(await countRows(app, `select count(*)::int as n from phone_numbers where tenant_id = $1 and project_id = 'rel' and validated_at is not null and line_type is not null`, scope)).toBe(QUANTITY);
  expect(await countRows(app, `select sum(validated)::int as n from phone_validation_batches where task_id = $1`, [taskId])).toBe(QUANTITY);
  expect(
    await countRows(app, `select count(*)::int as n from number_lookups l join phone_numbers p using (number) where p.tenant_id = $1 and p.project_id = 'rel'`, scope),
  ).toBe(QUANTITY);
  await expectContinuedAsNew(task.workflow_id!);
}, 400_000);
