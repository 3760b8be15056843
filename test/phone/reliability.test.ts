import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { countRows, post, taskRow, waitForTask, waitUntil } from './generation-support.js';

/**
 * A worker process is SIGKILLed in the middle of a job and another takes over: the job still ends with
 * every number stored, or validated, exactly once. Batches of 100 make each job long enough to continue
 * as new on the way, so that path is exercised too. The API and these workers use their own task queue,
 * so the run's shared worker never picks the job up.
 */
const QUANTITY = 200_000;
const env = { TASK_QUEUE_PREFIX: `reliability-${randomBytes(4).toString('hex')}` };
const logFile = path.join(os.tmpdir(), `switchboard-${env.TASK_QUEUE_PREFIX}.log`);
const startWorker = () => startWorkerProcess({ env: { ...process.env, ...env }, logFile });

let app: TestApp;
let account: TestAccount;
let worker: WorkerProcess;
beforeAll(async () => {
  [app, worker] = await Promise.all([startTestApp(env), startWorker()]);
  account = await createAccount(app);
});
afterAll(async () => {
  await worker?.stop();
  await app?.close();
});

/** Kills the worker once the task has made some progress and a chunk activity is running; says how far it got. */
async function killMidway(taskId: string, atLeast: number): Promise<number> {
  const { workflow_id } = await taskRow(app, taskId);
  const handle = app.temporal.client.workflow.getHandle(workflow_id!);
  await waitUntil(async () => (await taskRow(app, taskId)).processed_items >= atLeast, 120_000, `${atLeast} items processed`);
  await waitUntil(async () => ((await handle.describe()).raw.pendingActivities ?? []).length > 0, 60_000, 'a chunk activity running');
  await worker.kill();
  const { processed_items, status } = await taskRow(app, taskId);
  expect(status).toBe('in_progress');
  return processed_items;
}

/** Waits until visibility (eventually consistent) lists more than one run: the workflow continued as new. */
async function expectContinuedAsNew(workflowId: string): Promise<void> {
  await waitUntil(async () => {
    let runs = 0;
    for await (const _ of app.temporal.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs++;
    return runs > 1;
  }, 30_000, `${workflowId} listed with more than one run`);
}

test('when the worker is killed during a 200,000-number generation, then the next worker completes it with exactly 200,000 unique valid numbers', async () => {
  const res = await post(app, account, '/generate-numbers-enhanced/', { project_id: 'rel', area_code: '305', quantity: QUANTITY, batch_size: 100 });
  expect(res.status).toBe(202);
  const taskId = res.body.data.task_id;
  const atKill = await killMidway(taskId, 20_000);
  expect(atKill).toBeLessThan(QUANTITY);
  worker = await startWorker();

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
}, 400_000);

test('when the worker is killed during validation of those numbers, then the next worker validates every number exactly once', async () => {
  const res = await post(app, account, '/validate-numbers-enhanced/', { project_id: 'rel', batch_size: 100 });
  expect(res.status).toBe(202);
  expect(res.body.data.total_numbers).toBe(QUANTITY);
  const taskId = res.body.data.task_id;
  await killMidway(taskId, 20_000);
  worker = await startWorker();

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
