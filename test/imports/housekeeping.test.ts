import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { createHousekeepingActivities } from '../../src/activities/housekeeping/housekeeping.activities.js';
import { ensureHousekeepingSchedule, housekeepingScheduleId } from '../../src/temporal/housekeeping-schedule.js';
import { recordHistory } from '../replay/record-history.js';
import { UploadClient } from './upload-client.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const DAY = 24 * 3600;
const CSV = 'first_name,email\nAda,ada@example.com\n';

async function uploader(): Promise<{ account: TestAccount; client: UploadClient }> {
  const account = await createAccount(app);
  return { account, client: new UploadClient(app.http, account.apiKey) };
}

/** An upload that got one of its two chunks, as if started `ageSeconds` ago. */
async function unfinishedUpload(client: UploadClient, ageSeconds: number): Promise<string> {
  const { body } = await client.init({ fileName: 'half.csv', fileSize: 20, totalChunks: 2 });
  expect((await client.chunk(body.uploadId, 0, '0123456789')).status).toBe(200);
  await app.owner.query(`update uploads set created_at = now() - make_interval(secs => $2) where id = $1`, [body.uploadId, ageSeconds]);
  return body.uploadId;
}

const chunkDir = (tenantId: number, uploadId: string) => path.join(app.config.dataDir, 'uploads', String(tenantId), uploadId);
const activities = () => createHousekeepingActivities({ db: app.db, config: app.config });
const run = <R>(fn: () => Promise<R>): Promise<R> => new MockActivityEnvironment().run(fn) as Promise<R>;

describe('housekeeping activities, against the real database and storage', () => {
  test('when an unfinished upload is older than the TTL, then it expires, its chunk files are deleted and it takes no more chunks', async () => {
    const { account, client } = await uploader();
    const stale = await unfinishedUpload(client, 2 * DAY);
    const fresh = await unfinishedUpload(client, 60);
    expect(existsSync(chunkDir(account.tenantId, stale))).toBe(true);

    const acts = activities();
    expect((await run(() => acts.expireStaleUploads({ ttlSeconds: DAY }))).expired).toBeGreaterThanOrEqual(1);
    expect((await run(() => acts.deleteDisposableChunks({}))).uploads).toBeGreaterThanOrEqual(1);

    expect(existsSync(chunkDir(account.tenantId, stale))).toBe(false);
    expect((await client.status(stale)).body.status).toBe('expired');
    const late = await client.chunk(stale, 1, '0123456789');
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/expired/);
    expect((await client.complete(stale)).status).toBe(409);

    expect(existsSync(chunkDir(account.tenantId, fresh))).toBe(true);
    expect((await client.status(fresh)).body.status).toBe('uploading');
    expect((await client.chunk(fresh, 1, '0123456789')).status).toBe(200);
  });

  test('when an upload was imported, then its chunk files are deleted and it no longer holds bytes in flight', async () => {
    const { account, client } = await uploader();
    const { uploadId, view } = await client.importFile(CSV);
    expect(view.import.status).toBe('completed');
    expect(existsSync(chunkDir(account.tenantId, uploadId))).toBe(true);
    const held = () => app.owner.query(`select 1 from uploads where id = $1 and chunks_deleted_at is null`, [uploadId]).then((r) => r.rowCount);
    expect(await held()).toBe(1);

    await run(() => activities().deleteDisposableChunks({}));

    expect(existsSync(chunkDir(account.tenantId, uploadId))).toBe(false);
    expect(await held()).toBe(0);
    // The import's outcome stays readable.
    expect((await client.status(uploadId)).body).toEqual(expect.objectContaining({ status: 'completed', import: expect.objectContaining({ status: 'completed' }) }));
  });

  test('when idempotency keys are past their replay window, then they are purged and fresh ones stay', async () => {
    const account = await createAccount(app);
    const insert = (key: string, age: string) =>
      app.owner.query(`insert into idempotency_keys (tenant_id, user_id, key, method, path, request_hash, created_at) values ($1, $2, $3, 'POST', '/x', 'h', now() - $4::interval)`, [
        account.tenantId,
        account.userId,
        key,
        age,
      ]);
    await insert('old', '25 hours');
    await insert('new', '1 hour');
    expect((await run(() => activities().purgeExpiredIdempotencyKeys())).purged).toBeGreaterThanOrEqual(1);
    const left = await app.owner.query<{ key: string }>(`select key from idempotency_keys where tenant_id = $1 order by key`, [account.tenantId]);
    expect(left.rows.map((r) => r.key)).toEqual(['new']);
  });
});

describe('housekeeping workflow', () => {
  test('when the worker has started, then the housekeeping Schedule exists and starts housekeepingWorkflow on the bulk queue', async () => {
    const description = await app.temporal.client.schedule.getHandle(housekeepingScheduleId(app.config)).describe();
    expect(description.action).toEqual(expect.objectContaining({ type: 'startWorkflow', workflowType: 'housekeepingWorkflow', taskQueue: app.config.temporal.taskQueues.bulk }));
    expect(description.action.type === 'startWorkflow' && description.action.args).toEqual([{ uploadTtlSeconds: app.config.housekeeping.uploadTtlSeconds }]);
  });

  test('when the Schedule is ensured twice with another interval, then there is still one Schedule, now at the new interval', async () => {
    const prefix = `hk-${randomUUID().slice(0, 8)}`;
    const config = (intervalMinutes: number) => ({
      temporal: { ...app.config.temporal, taskQueues: { bulk: `${prefix}-bulk`, messaging: `${prefix}-messaging` } },
      housekeeping: { intervalMinutes, uploadTtlSeconds: DAY },
    });
    await ensureHousekeepingSchedule(app.temporal.client, config(30));
    await ensureHousekeepingSchedule(app.temporal.client, config(45));
    const handle = app.temporal.client.schedule.getHandle(`${prefix}-housekeeping`);
    try {
      const { spec } = await handle.describe();
      expect(spec.intervals).toEqual([expect.objectContaining({ every: 45 * 60 * 1000 })]);
    } finally {
      await handle.delete();
    }
  });

  test('when a round runs on the real worker, then a stale upload is expired and its files are gone', async () => {
    const { account, client } = await uploader();
    const stale = await unfinishedUpload(client, 2 * DAY);
    const workflowId = `housekeeping-test-${randomUUID()}`;
    const result = await app.temporal.client.workflow.execute('housekeepingWorkflow', {
      workflowId,
      taskQueue: app.config.temporal.taskQueues.bulk,
      args: [{ uploadTtlSeconds: DAY }],
    });
    expect(result).toEqual({ expiredUploads: expect.any(Number), uploadsCleaned: expect.any(Number), idempotencyKeysPurged: expect.any(Number), outboxDeliveriesStarted: expect.any(Number) });
    expect(result.expiredUploads).toBeGreaterThanOrEqual(1);
    expect(existsSync(chunkDir(account.tenantId, stale))).toBe(false);
    expect((await client.status(stale)).body.status).toBe('expired');
    await recordHistory(app, workflowId, 'housekeeping-round');
  });
});
