import { WorkflowNotFoundError } from '@temporalio/client';
import { startTestApp, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { withTenant } from '../../src/db/tenant-scope.js';
import { LocalDiskStorage } from '../../src/domain/storage/local-disk-storage.js';
import { UploadService } from '../../src/app/uploads/upload-service.js';
import { TaskService } from '../../src/app/tasks/task-service.js';
import { ContactImportStart } from '../../src/app/imports/import-start.js';
import { uploadSettingsFromEnv } from '../../src/api/routes/uploads/upload-settings.js';
import { freshUploader, type UploadClient } from './upload-client.js';

let app: TestApp;
let account: TestAccount;
let client: UploadClient;

beforeAll(async () => (app = await startTestApp()));
beforeEach(async () => ({ account, client } = await freshUploader(app)));
afterAll(() => app.close());

const CSV = 'first_name,email\nAda,ada@example.com\nGrace,grace@example.com\n';

/** An upload with every chunk sent, not yet completed. */
async function sentUpload(): Promise<string> {
  const init = await client.init({ fileName: 'contacts.csv', fileSize: Buffer.byteLength(CSV), totalChunks: 1 });
  expect(init.status).toBe(200);
  expect((await client.chunk(init.body.uploadId, 0, CSV)).status).toBe(200);
  return init.body.uploadId;
}

const importWorkflowId = (uploadId: string) => `contact-import-t${account.tenantId}-upload-${uploadId}`;

const importTasksOf = async (uploadId: string) =>
  (await app.owner.query(`select task_id, status, workflow_id from tasks where tenant_id = $1 and kind = 'contact-import' and params->>'upload_id' = $2`, [account.tenantId, uploadId])).rows;

/** The runs visibility lists under the workflow id, once it lists the import as closed. */
async function closedImportRuns(uploadId: string): Promise<string[]> {
  const listed = await eventually(
    async () => {
      const runs: { runId: string; closed: boolean }[] = [];
      for await (const run of app.temporal.client.workflow.list({ query: `WorkflowId = '${importWorkflowId(uploadId)}'` })) {
        runs.push({ runId: run.runId, closed: run.status.name !== 'RUNNING' });
      }
      return runs;
    },
    (runs) => runs.some((r) => r.closed),
    { timeout: 60_000, what: `the import of ${uploadId} listed as closed` },
  );
  return listed.map((r) => r.runId);
}

async function expectOneImport(uploadId: string, taskId: string): Promise<void> {
  expect(await importTasksOf(uploadId)).toEqual([{ task_id: taskId, status: 'completed', workflow_id: importWorkflowId(uploadId) }]);
  expect(await closedImportRuns(uploadId)).toHaveLength(1);
  const contacts = await app.owner.query<{ n: number }>(`select count(*)::int as n from contacts where tenant_id = $1`, [account.tenantId]);
  expect(contacts.rows[0].n).toBe(2);
}

describe('upload complete starts one import', () => {
  test('when the same upload is completed twice in a row, and again after its import finished, then every answer names the one import task and one workflow ran', async () => {
    const uploadId = await sentUpload();
    const first = await client.complete(uploadId);
    const second = await client.complete(uploadId);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await client.waitForImport(uploadId)).body.import.status).toBe('completed');
    const third = await client.complete(uploadId);
    expect(third.body).toEqual(first.body);
    await expectOneImport(uploadId, first.body.task_id);
  });

  test('when the same upload is completed by several requests at once, then they all answer the one import task and one workflow ran', async () => {
    const uploadId = await sentUpload();
    const answers = await Promise.all([1, 2, 3, 4].map(() => client.complete(uploadId)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.task_id)).size).toBe(1);
    expect((await client.waitForImport(uploadId)).body.import.status).toBe('completed');
    await expectOneImport(uploadId, answers[0].body.task_id);
  });

  test('when the import cannot be started after the upload committed, then nothing runs and the next complete starts it under the same task', async () => {
    const uploadId = await sentUpload();
    const settings = uploadSettingsFromEnv();
    const uploads = new UploadService(app.db.pool, new LocalDiskStorage(app.config.dataDir), settings.limits);
    const imports = new ContactImportStart(new TaskService(app.db.pool, app.temporal), app.config.temporal.taskQueues.bulk, settings.importOptions);
    const temporalDown = { record: imports.record.bind(imports), launch: () => Promise.reject(new Error('Temporal is unavailable')) };
    const who = { tenantId: account.tenantId, userId: account.userId };

    await expect(withTenant(account.tenantId, () => uploads.complete(who, uploadId, temporalDown))).rejects.toThrow('Temporal is unavailable');
    const [task] = await importTasksOf(uploadId);
    expect(task).toEqual({ task_id: expect.any(String), status: 'pending', workflow_id: importWorkflowId(uploadId) });
    expect((await client.status(uploadId)).body).toEqual(expect.objectContaining({ status: 'completed', task_id: task.task_id }));
    await expect(app.temporal.client.workflow.getHandle(importWorkflowId(uploadId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

    const retried = await client.complete(uploadId);
    expect(retried.status).toBe(200);
    expect(retried.body.task_id).toBe(task.task_id);
    expect((await client.waitForImport(uploadId)).body.import.status).toBe('completed');
    await expectOneImport(uploadId, task.task_id);
  });
});
