import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import proto from '@temporalio/proto';
import { freePort } from '../../src/dev/temporal-dev-server.js';
import { HttpClient, startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import type { WorkerProcess } from '../support/worker-process.js';
import { eventually } from '../support/eventually.js';
import { MessageLog } from '../realtime/message-log.js';
import { holdBatch } from '../phone/batch-gate.js';
import { countRows, taskRow, waitForTask } from '../phone/generation-support.js';
import { dotenv } from './compose-file.js';
import { startApiProcess, startWorkerService, type ApiProcess } from './topology-processes.js';

/**
 * docker-compose.yml's topology on one machine, without Docker: two API processes and two worker
 * processes (the worker-bulk and worker-messaging services), each started with its service's command
 * and environment, against one PostgreSQL and one Temporal. Task events reach every API process through
 * PostgreSQL LISTEN/NOTIFY, so a socket on API 1 hears a job that API 2 started and a worker ran. The
 * bulk worker is SIGKILLed in the middle of a generation (held there by a row gate, not by timing) and
 * a new one finishes it with every number stored exactly once.
 */
const QUANTITY = 30_000;
const BATCH = 100;
const KILL_BEFORE_BATCH = 100; // 10,000 numbers committed when the worker dies
const local = { TASK_QUEUE_PREFIX: `scale-${randomBytes(4).toString('hex')}`, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'switchboard-scale-')) };
const logFile = path.join(os.tmpdir(), `switchboard-${local.TASK_QUEUE_PREFIX}.log`);
// Each worker answers its health probe on a port of its own: the services share one in compose, not here.
const startWorker = async (service: 'worker-bulk' | 'worker-messaging') => startWorkerService(service, { ...local, WORKER_HEALTH_PORT: String(await freePort()) }, logFile);

let app: TestApp; // arranges accounts and reads rows as the owner; its own API takes no part
let account: TestAccount;
let api1: ApiProcess;
let api2: ApiProcess;
let messagingWorker: WorkerProcess;
let bulkWorker: WorkerProcess | undefined;
const sockets: Socket[] = [];

beforeAll(async () => {
  ({ app, account } = await startTestAppWithAccount({ ...local, JWT_SECRET: dotenv.JWT_SECRET }));
  [api1, api2] = await Promise.all([startApiProcess(local), startApiProcess(local)]);
  messagingWorker = await startWorker('worker-messaging');
}, 240_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.all([bulkWorker?.stop(), messagingWorker?.stop(), api1?.stop(), api2?.stop()]);
  await app?.close();
});

function listenOn(api: ApiProcess): Promise<MessageLog<{ event: string; data: any }>> {
  const socket = io(api.url, { reconnection: false, forceNew: true, extraHeaders: { Authorization: `Token ${account.apiKey}` } });
  sockets.push(socket);
  const log = new MessageLog<{ event: string; data: any }>();
  socket.onAny((event: string, data: unknown) => log.push({ event, data }));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(log));
    socket.once('connect_error', reject);
  });
}

/** The identities (`pid@host`) that polled a task queue for workflow tasks. */
async function pollersOf(queue: 'bulk' | 'messaging'): Promise<string[]> {
  const res = await app.temporal.connection.workflowService.describeTaskQueue({
    namespace: app.config.temporal.namespace,
    taskQueue: { name: `${local.TASK_QUEUE_PREFIX}-${queue}` },
    taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (res.pollers ?? []).map((p) => p.identity ?? '');
}
const byPid = (pid: number) => (identity: string) => identity.startsWith(`${pid}@`);

test('when a generation is started through API 2 and its bulk worker is killed midway, then a socket on API 1 hears it to the end and every number is stored exactly once', async () => {
  const heard = await listenOn(api1);
  await heard.waitFor((m) => m.event === 'connection_established', 'connection_established on API 1');

  const started = await new HttpClient(api2.url).post(
    '/api/phone-generator/generate-numbers-enhanced/',
    { user_id: String(account.userId), project_id: 'scale', area_code: '415', quantity: QUANTITY, batch_size: BATCH },
    { apiKey: account.apiKey },
  );
  expect(started.status).toBe(202);
  const taskId: string = started.body.data.task_id;
  const ofTask = (type: string) => (m: { event: string; data: any }) => m.event === type && m.data?.task_id === taskId;

  // Queued with no bulk worker running; the gate holds it before batch 100 once one takes it.
  const gate = await holdBatch(app, 'generation', account.tenantId, taskId, KILL_BEFORE_BATCH);
  let killedPid: number;
  try {
    bulkWorker = await startWorker('worker-bulk');
    await gate.reached(240_000);
    await eventually(() => taskRow(app, taskId), (row) => row.processed_items === KILL_BEFORE_BATCH * BATCH, { what: 'the batches before the gate to commit' });
    const before = await heard.waitFor((m) => ofTask('task_progress')(m) && m.data.processed_items === KILL_BEFORE_BATCH * BATCH, 'progress at the gate on API 1', 60_000);
    expect(before.data).toEqual(expect.objectContaining({ status: 'in_progress', total_items: QUANTITY }));
    killedPid = bulkWorker.pid;
    await bulkWorker.kill();
  } finally {
    await gate.release();
  }
  expect((await taskRow(app, taskId)).status).toBe('in_progress');

  // While no bulk worker runs, the messaging worker still serves its own queue: a number is bought.
  const channel = await new HttpClient(api1.url).post('/api/channels/generate-phone-number', { country: 'USA', type: 'sms' }, { token: account.token });
  expect({ status: channel.status, body: channel.status === 200 ? {} : channel.body }).toEqual({ status: 200, body: {} });

  bulkWorker = await startWorker('worker-bulk');
  const task = await waitForTask(app, taskId, ['completed'], 240_000);
  expect(task.result).toEqual(expect.objectContaining({ total_generated: QUANTITY }));

  const completed = await heard.waitFor(ofTask('task_completed'), 'task_completed on API 1', 60_000);
  expect(completed.data.result_data).toEqual(expect.objectContaining({ total_generated: QUANTITY }));
  const progress = heard.messages.filter(ofTask('task_progress')).map((m) => m.data.processed_items as number);
  expect(progress.length).toBeGreaterThan(1);
  expect(Math.max(...progress)).toBeLessThanOrEqual(QUANTITY);
  expect(progress.filter((p) => p > KILL_BEFORE_BATCH * BATCH).length).toBeGreaterThan(0); // heard after the new worker took over

  const stored = await app.owner.query<{ n: number; distinct_numbers: number }>(
    `select count(*)::int as n, count(distinct number)::int as distinct_numbers from phone_numbers where generation_task_id = $1`,
    [taskId],
  );
  expect(stored.rows[0]).toEqual({ n: QUANTITY, distinct_numbers: QUANTITY });
  expect(await countRows(app, `select sum(generated)::int as n from phone_generation_batches where task_id = $1`, [taskId])).toBe(QUANTITY);
  expect(await countRows(app, `select count(*)::int as n from phone_generation_batches where task_id = $1`, [taskId])).toBe(QUANTITY / BATCH);

  // Each worker service polled its own queue only.
  const [bulkPollers, messagingPollers] = await Promise.all([pollersOf('bulk'), pollersOf('messaging')]);
  expect({ bulk: bulkPollers.some(byPid(bulkWorker.pid)), messaging: messagingPollers.some(byPid(messagingWorker.pid)) }).toEqual({ bulk: true, messaging: true });
  expect({ messagingOnBulk: bulkPollers.some(byPid(messagingWorker.pid)), bulkOnMessaging: messagingPollers.some((id) => byPid(bulkWorker!.pid)(id) || byPid(killedPid)(id)) }).toEqual({
    messagingOnBulk: false,
    bulkOnMessaging: false,
  });
}, 600_000);
