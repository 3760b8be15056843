import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../../src/dev/temporal-dev-server.js';
import { holdBatch } from '../phone/batch-gate.js';
import { countRows, post, taskRow, waitForTask } from '../phone/generation-support.js';

/**
 * A worker process gets SIGTERM while one of its activities is held mid-batch: it stops taking work
 * (readiness 503) but lets that activity finish, then exits 0; the next worker completes the job, and
 * the history shows no activity attempt lost to the shutdown.
 */
const QUANTITY = 1000;
const env = { TASK_QUEUE_PREFIX: `drain-${randomBytes(4).toString('hex')}`, WORKER_SHUTDOWN_GRACE_SECONDS: '300' };
const logFile = path.join(os.tmpdir(), `switchboard-${env.TASK_QUEUE_PREFIX}.log`);

let app: TestApp;
let account: TestAccount;
let worker: WorkerProcess | undefined;
beforeAll(async () => ({ app, account } = await startTestAppWithAccount(env)));
afterAll(async () => {
  await worker?.stop();
  await app?.close();
});

test('when a worker is stopped while an activity runs, then the activity finishes on it, the worker exits 0, and the job completes exactly once', async () => {
  const res = await post(app, account, '/generate-numbers-enhanced/', { project_id: 'drain', area_code: '415', quantity: QUANTITY, batch_size: 100 });
  expect(res.status).toBe(202);
  const taskId: string = res.body.data.task_id;
  const gate = await holdBatch(app, 'generation', account.tenantId, taskId, 3);
  const healthPort = await freePort();
  try {
    worker = await startWorkerProcess({ env: { ...process.env, ...env, WORKER_HEALTH_PORT: String(healthPort) }, logFile });
    await gate.reached(120_000);
    await eventually(() => taskRow(app, taskId), (row) => row.processed_items === 300, { what: 'batches 0-2 to commit' });

    worker.child.kill('SIGTERM');
    const ready = () => fetch(`http://127.0.0.1:${healthPort}/health/ready`).then((r) => r.status, () => 0);
    await eventually(ready, (status) => status === 503, { timeout: 30_000, what: 'the stopping worker to report not ready' });
    expect(worker.child.exitCode).toBeNull();
  } finally {
    await gate.release();
  }
  const code = await new Promise<number | null>((resolve) => (worker!.child.exitCode !== null ? resolve(worker!.child.exitCode) : worker!.child.once('exit', resolve)));
  expect(code).toBe(0);
  // The held batch was committed by the stopping worker, not left for another one.
  expect(await countRows(app, `select count(*)::int as n from phone_generation_batches where task_id = $1 and batch_no = 3 and generated > 0`, [taskId])).toBe(1);

  worker = await startWorkerProcess({ env: { ...process.env, ...env }, logFile });
  const task = await waitForTask(app, taskId, ['completed'], 120_000);
  expect(task.result).toEqual(expect.objectContaining({ total_generated: QUANTITY }));
  const { rows } = await app.owner.query<{ n: number; distinct_n: number }>(`select count(*)::int as n, count(distinct number)::int as distinct_n from phone_numbers where generation_task_id = $1`, [taskId]);
  expect(rows[0]).toEqual({ n: QUANTITY, distinct_n: QUANTITY });

  const history = await app.temporal.client.workflow.getHandle(task.workflow_id!).fetchHistory();
  const lost = (history.events ?? []).filter((e) => e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes || e.activityTaskCanceledEventAttributes);
  expect(lost).toEqual([]);
}, 300_000);
