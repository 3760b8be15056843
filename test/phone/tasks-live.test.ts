import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { TaskService } from '../../src/app/tasks/task-service.js';

let app: TestApp;
let account: TestAccount;
beforeAll(async () => {
  app = await startTestApp();
  account = await createAccount(app);
});
afterAll(() => app.close());

const BASE = '/api/phone-generator';

async function processedSoFar(taskId: string): Promise<{ status: string; processed_items: number }> {
  const { rows } = await app.owner.query(`select status, processed_items from tasks where task_id = $1`, [taskId]);
  return rows[0];
}

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not reached`);
}

describe('progress and cancel of a running generation', () => {
  test('when a generation runs, then progress comes from the workflow, and a cancel over the API stops it', async () => {
    const started = await app.http.post(
      `${BASE}/generate-numbers-enhanced/`,
      { user_id: String(account.userId), project_id: 'live', area_code: '718', quantity: 200_000, batch_size: 100 },
      { apiKey: account.apiKey },
    );
    const taskId: string = started.body.data?.task_id;
    expect(taskId).toEqual(expect.any(String));
    await until(async () => (await processedSoFar(taskId)).processed_items >= 200, 'first batches');

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

    await until(async () => (await processedSoFar(taskId)).status === 'cancelled', 'cancelled row');
    const after = await app.http.get(`${BASE}/tasks/${taskId}/progress/?user_id=${account.userId}`, { apiKey: account.apiKey });
    expect(after.body.data.status).toBe('cancelled');
    expect(after.body.data.estimated_completion).toBe(after.body.data.completed_at);
    const again = await app.http.post(`${BASE}/tasks/${taskId}/cancel/`, { user_id: String(account.userId) }, { apiKey: account.apiKey });
    expect(again.status).toBe(400);
    expect(again.body.errors.task_id).toEqual(['Task is already cancelled and cannot be cancelled.']);
  });
});
