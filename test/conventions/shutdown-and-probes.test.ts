import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { startWorkerProcess } from '../support/worker-process.js';
import { freePort } from '../../src/dev/temporal-dev-server.js';

/** `npm run api` and `npm run worker` as real processes: SIGTERM drains the API; the worker's probes. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let app: TestApp;
let account: TestAccount;
beforeAll(async () => {
  app = await startTestApp();
  account = await createAccount(app);
});
afterAll(() => app.close());

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
const status = (url: string) => fetch(url).then((r) => r.status, () => 'refused' as const);

test('when SIGTERM arrives while a request is in flight, then the API stops accepting, the request completes, and the process exits 0', async () => {
  const port = await freePort();
  const api = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  api.stdout!.on('data', (d: Buffer) => (log += d));
  api.stderr!.on('data', (d: Buffer) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    await eventually(() => status(`${base}/api/health/ready`), (s) => s === 200, { timeout: 90_000, interval: 250, what: `the API to be ready; log: ${log.slice(-500)}` });

    // The request's headers are in (the server said 100 Continue) and its body is not: it is in flight.
    const name = `drain-${randomBytes(4).toString('hex')}`;
    const body = JSON.stringify({ name, body_text: 'Hello {{first_name}}' });
    const req = http.request(`${base}/api/messaging/templates/`, {
      method: 'POST',
      headers: { authorization: `Token ${account.apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
    });
    const answer = new Promise<{ status: number; connection?: string; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, text }));
      });
      req.on('error', reject);
    });
    await new Promise<void>((resolve) => req.once('continue', () => resolve()));

    api.kill('SIGTERM');
    await eventually(() => status(`${base}/api/health/live`), (s) => s === 'refused', { timeout: 30_000, interval: 100, what: 'the API to stop accepting connections' });
    expect(api.exitCode).toBeNull();

    req.end(body);
    const res = await answer;
    expect({ status: res.status, connection: res.connection }).toEqual({ status: 201, connection: 'close' });
    expect(JSON.parse(res.text)).toMatchObject({ success: true, data: { name } });
    expect((await app.owner.query(`select 1 from templates where name = $1 and tenant_id = $2`, [name, account.tenantId])).rowCount).toBe(1);

    expect(await exited(api)).toBe(0);
    expect(log).toContain('API stopped');
  } finally {
    if (api.exitCode === null) api.kill('SIGKILL');
  }
});

test('when the worker process runs with WORKER_HEALTH_PORT, then live and ready answer 200 per task queue; on SIGTERM it stops polling and exits 0', async () => {
  const port = await freePort();
  const prefix = `probe-${randomBytes(3).toString('hex')}`;
  const worker = await startWorkerProcess({ env: { ...process.env, TASK_QUEUE_PREFIX: prefix, WORKER_HEALTH_PORT: String(port) }, logFile: path.join(os.tmpdir(), `switchboard-${prefix}.log`) });
  const base = `http://127.0.0.1:${port}`;
  try {
    const ready = await eventually(() => fetch(`${base}/health/ready`).then(async (r) => ({ status: r.status, body: await r.json() }), () => ({ status: 0, body: null })), (r) => r.status === 200, { timeout: 30_000, what: 'the worker to be ready' });
    expect(ready.body).toEqual({ status: 'ready', task_queues: { [`${prefix}-bulk`]: 'RUNNING', [`${prefix}-messaging`]: 'RUNNING' } });
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    expect((await fetch(`${base}/health/nope`)).status).toBe(404);

    worker.child.kill('SIGTERM');
    expect(await exited(worker.child)).toBe(0);
    expect(await status(`${base}/health/live`)).toBe('refused');
  } finally {
    await worker.stop();
  }
});
