import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startTestApp, type HttpResult, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { UploadClient } from './upload-client.js';
import { holdContactEmail } from './contact-gate.js';
import { DEFAULT_IMPORT_OPTIONS } from '../../src/domain/imports/import-options.js';

const ROWS = 200_000;
const BATCH = DEFAULT_IMPORT_OPTIONS.batchRows;
/** A row of the third batch (neither invalid nor a copy at today's batch size). */
const HELD_ROW = 2 * BATCH + 500;
const prefix = `test-import-crash-${randomBytes(4).toString('hex')}`;
const logFile = path.join(os.tmpdir(), `${prefix}.log`);
let app: TestApp;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  workers.push(await startWorkerProcess({ env: { ...process.env, TASK_QUEUE_PREFIX: prefix }, logFile }));
  app = await startTestApp({ TASK_QUEUE_PREFIX: prefix });
}, 180_000);
afterAll(async () => {
  await app?.close();
  for (const w of workers) await w.stop();
  rmSync(logFile, { force: true });
});

/** Row i: a unique contact, except every 997th (invalid email and phone) and every 1009th (a copy of the row before). */
function generate() {
  const lines = ['first_name,email,phone'];
  const identities = new Set<string>();
  let invalid = 0;
  const row = (i: number) => [`Person${i}`, `r${i}@example.com`, `+1415${2_000_000 + i}`];
  for (let i = 0; i < ROWS; i++) {
    if (i % 997 === 0) {
      lines.push(`Broken${i},not-an-email,123`);
      invalid++;
      continue;
    }
    const fields = i % 1009 === 500 ? row(i - 1) : row(i);
    lines.push(fields.join(','));
    identities.add(fields[1]);
  }
  return { csv: lines.join('\n') + '\n', identities, invalid };
}

async function processed(client: UploadClient, uploadId: string): Promise<{ done: boolean; rows: number }> {
  const view = (await client.status(uploadId)).body;
  return { done: ['completed', 'failed', 'cancelled'].includes(view.import?.status), rows: view.import?.processed_items ?? 0 };
}

test('when the worker is killed in the middle of a 200,000-row import and another starts, then the import completes with every valid row stored exactly once', async () => {
  const account = await createAccount(app);
  const client = new UploadClient(app.http, account.apiKey);
  const { csv, identities, invalid } = generate();
  // Killed while held in its third batch (the one storing row HELD_ROW): two batches are committed, the rest are not.
  const gate = await holdContactEmail(app, account.tenantId, `r${HELD_ROW}@example.com`);
  let uploadId: string;
  let complete: HttpResult;
  try {
    ({ uploadId, complete } = await client.upload(csv, { totalChunks: 4 }));
    expect(complete.status).toBe(200);
    await gate.reached(240_000);
    expect(await processed(client, uploadId)).toEqual({ done: false, rows: 2 * BATCH });
    await workers[0].kill();
  } finally {
    await gate.release();
  }
  const atKill = await processed(client, uploadId);
  expect(atKill.rows).toBeLessThan(ROWS);
  workers.push(await startWorkerProcess({ env: { ...process.env, TASK_QUEUE_PREFIX: prefix }, logFile }));

  const view = (await client.waitForImport(uploadId, 400_000)).body;
  expect(view.import.status).toBe('completed');
  const r = view.import.result;
  expect(r.total_rows).toBe(ROWS);
  expect(r.created + r.updated + r.skipped + r.rejected).toBe(ROWS);
  expect(r.rejected).toBe(invalid);
  expect(r.created).toBe(identities.size);

  const counts = await app.owner.query(
    `select count(*)::int as n, count(distinct email)::int as emails, count(distinct phone_e164)::int as phones from contacts where tenant_id = $1`,
    [account.tenantId],
  );
  expect(counts.rows[0]).toEqual({ n: identities.size, emails: identities.size, phones: identities.size });
  const stored = await app.owner.query<{ email: string }>(`select email from contacts where tenant_id = $1`, [account.tenantId]);
  expect(stored.rows.every((row) => identities.has(row.email))).toBe(true);
  const rejectedRows = await app.owner.query<{ n: number }>(`select count(*)::int as n from contact_import_rejections where task_id = $1`, [complete.body.task_id]);
  expect(rejectedRows.rows[0].n).toBe(r.rejected + r.skipped);
}, 600_000);
