import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { ownTaskQueues, startOwnWorkers, type OwnWorkers } from '../support/own-workers.js';
import type { RowGate } from '../support/row-gate.js';
import { TaskService } from '../../src/app/tasks/task-service.js';
import { holdBatch } from './batch-gate.js';
import { taskRow, waitForTask } from './generation-support.js';

// The generation runs on workers of this file's own, started once a gate holds it before its fourth batch.
let app: TestApp;
let account: TestAccount;
let gate: RowGate | undefined;
let workers: OwnWorkers | undefined;
beforeAll(async () => ({ app, account } = await startTestAppWithAccount(ownTaskQueues('tasks-live'))));
afterAll(async () => {
  await gate?.release();
  await workers?.stop();
  await app.close();
});

const BASE = '/api/phone-generator';

describe('progress and cancel of a running generation', () => {
  test('when a generation runs, then progress comes from the workflow, and a cancel over the API stops it', async () => {
    const started = await app.http.post(
      `${BASE}/generate-numbers-enhanced/`,
      { user_id: String(account.userId), project_id: 'live', area_code: '718', quantity: 200_000, batch_size: 100 },
      { apiKey: account.apiKey },
    );
    const taskId: string = started.body.data?.task_id;
    expect(taskId).toEqual(expect.any(String));
    gate = await holdBatch(app, 'generation', account.tenantId, taskId, 3);
    workers = await startOwnWorkers(app);
    await gate.reached();
    expect((await taskRow(app, taskId)).processed_items).toBe(300);

    const view = await new TaskService(app.owner, app.temporal).progress(account.tenantId, taskId);
    expect(view.live).toBe(true);
    expect(view.figures.status).toBe('in_progress');
    expect(view.figures.totalItems).toBe(200_000);

    const progress = await app.http.get(`${BASE}/tasks/${taskId}/progress/?user_id=${account.userId}`, { apiKey: account.apiKey });
    expect(progress.status).toBe(200);
    expect(progress.body.data).toEqual(expect.objectContaining({ task_id: taskId, status: 'in_progress', total_items: 200_000, completed_at: null }));
    expect(progress.body.data.processed_items).toBeGreaterThanOrEqual(200);
    expect(progress.body.data.estimated_completion).toEqual(expect.any(String));

    const cancelled = await app.http.post(`${BASE}/tasks/${taskId}/cancel/`, { user_id: String(account.userId) }, { apiKey: account.apiKey });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ message: 'Task cancelled', data: { task_id: taskId, status: 'cancelled' } });
    await gate.release();

    await waitForTask(app, taskId, ['cancelled']);
    const after = await app.http.get(`${BASE}/tasks/${taskId}/progress/?user_id=${account.userId}`, { apiKey: account.apiKey });
    expect(after.body.data.status).toBe('cancelled');
    expect(after.body.data.estimated_completion).toBe(after.body.data.completed_at);
    const again = await app.http.post(`${BASE}/tasks/${taskId}/cancel/`, { user_id: String(account.userId) }, { apiKey: account.apiKey });
    expect(again.status).toBe(400);
    expect(again.body.errors.task_id).toEqual(['Task is already cancelled and cannot be cancelled.']);
  });
});
