import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { insertTask } from './read-fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const BASE = '/api/phone-generator';
const TASK_KEYS = [
  'id', 'task_id', 'area_code', 'quantity', 'status', 'progress', 'current_step', 'processed_items', 'total_items',
  'celery_task_id', 'workflow_id', 'kind', 'created_at', 'started_at', 'completed_at', 'result', 'error',
].sort();

const listTasks = (a: TestAccount, query: string) => app.http.get(`${BASE}/tasks/?${query}`, { apiKey: a.apiKey });

describe('GET tasks/', () => {
  let owner: TestAccount;
  beforeAll(async () => {
    owner = await createAccount(app);
    for (let i = 0; i < 22; i++) await insertTask(app, owner, { status: 'completed', projectId: i % 2 ? '5' : '6' });
    await insertTask(app, owner, { status: 'in_progress', processed: 450, total: 1000, params: { area_code: '510', quantity: 1000 } });
    await insertTask(app, owner, { status: 'failed' });
    await insertTask(app, owner, { kind: 'phone-validation', status: 'pending', params: { phone_ids: [1, 2] }, total: 2 });
  });

  test('when the first page is asked, then 20 tasks come back newest first with page numbers for next and previous', async () => {
    const res = await listTasks(owner, `user_id=${owner.userId}`);
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Successful');
    expect(res.body.data.tasks).toHaveLength(20);
    expect(res.body.data.pagination).toEqual({ page_number: 1, count: 25, total_pages: 2, next: 2, previous: null });
    const newest = res.body.data.tasks[0];
    expect(Object.keys(newest).sort()).toEqual(TASK_KEYS);
    expect(newest).toEqual(
      expect.objectContaining({ kind: 'phone-validation', status: 'pending', area_code: null, quantity: 2, total_items: 2, celery_task_id: newest.workflow_id }),
    );
    const running = res.body.data.tasks[2];
    expect(running).toEqual(
      expect.objectContaining({ status: 'in_progress', area_code: '510', quantity: 1000, progress: 45, processed_items: 450, total_items: 1000 }),
    );
    expect(running.workflow_id).toMatch(/^phone-generation-t\d+-/);
  });

  test('when the last page is asked, then it holds the rest and next is null', async () => {
    const res = await listTasks(owner, `user_id=${owner.userId}&page=2&page_size=20`);
    expect(res.body.data.tasks).toHaveLength(5);
    expect(res.body.data.pagination).toEqual({ page_number: 2, count: 25, total_pages: 2, next: null, previous: 1 });
  });

  test('when status and project filters are given, then only matching tasks are counted', async () => {
    const failed = await listTasks(owner, `user_id=${owner.userId}&status=failed`);
    expect(failed.body.data.tasks.map((t: { status: string }) => t.status)).toEqual(['failed']);
    const project6 = await listTasks(owner, `user_id=${owner.userId}&project_id=6&status=completed&page_size=100`);
    expect(project6.body.data.pagination.count).toBe(11);
  });

  test('when status, page or page_size is not acceptable, then the answer is 400 naming each field', async () => {
    const res = await listTasks(owner, `user_id=${owner.userId}&status=running&page=abc&page_size=101`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'Errors',
      errors: {
        status: ['"running" is not a valid choice.'],
        page: ['A valid integer is required.'],
        page_size: ['Ensure this value is less than or equal to 100.'],
      },
    });
    const zero = await listTasks(owner, `user_id=${owner.userId}&page_size=0`);
    expect(zero.body.errors.page_size).toEqual(['Ensure this value is greater than or equal to 1.']);
  });

  test('when user_id is missing, then 400; when it names someone else, then 403', async () => {
    const missing = await listTasks(owner, '');
    expect(missing.status).toBe(400);
    expect(missing.body.errors.user_id).toEqual(['This field is required.']);
    const other = await createAccount(app);
    const foreign = await listTasks(owner, `user_id=${other.userId}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual({ message: 'Errors', errors: { user_id: ['user_id does not belong to the authenticated user.'] } });
  });

  test('when another tenant lists tasks, then none of these appear', async () => {
    const other = await createAccount(app);
    const res = await listTasks(other, `user_id=${encodeURIComponent(other.email)}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ tasks: [], pagination: { page_number: 1, count: 0, total_pages: 1, next: null, previous: null } });
  });
});

describe('GET tasks/active/', () => {
  test('when tasks are pending or running, then they are listed and generation tasks apart', async () => {
    const a = await createAccount(app);
    const gen = await insertTask(app, a, { status: 'in_progress' });
    const val = await insertTask(app, a, { kind: 'phone-validation', status: 'pending' });
    await insertTask(app, a, { status: 'completed' });
    const res = await app.http.get(`${BASE}/tasks/active/?user_id=${a.userId}`, { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body.data.total_active_tasks).toBe(2);
    expect(res.body.data.generation_tasks.map((t: { task_id: string }) => t.task_id)).toEqual([gen.task_id]);
    expect(res.body.data.all_tasks.map((t: { task_id: string }) => t.task_id).sort()).toEqual([gen.task_id, val.task_id].sort());
  });
});

describe('GET tasks/<task_id>/progress/', () => {
  test('when a finished task is asked by uuid or numeric id, then its figures and completion time come back', async () => {
    const a = await createAccount(app);
    const task = await insertTask(app, a, { status: 'completed', total: 500 });
    for (const key of [task.task_id, String(task.id)]) {
      const res = await app.http.get(`${BASE}/tasks/${key}/progress/?user_id=${a.userId}`, { apiKey: a.apiKey });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.data).sort()).toEqual(
        ['task_id', 'status', 'progress', 'current_step', 'processed_items', 'total_items', 'created_at', 'started_at', 'completed_at', 'estimated_completion', 'result', 'error'].sort(),
      );
      expect(res.body.data).toEqual(
        expect.objectContaining({ task_id: task.task_id, status: 'completed', progress: 100, processed_items: 500, total_items: 500, result: { total_generated: 500 } }),
      );
      expect(res.body.data.estimated_completion).toBe(res.body.data.completed_at);
    }
  });

  test('when a running task cannot be queried live, then the row figures stand and the estimate follows the rate so far', async () => {
    const a = await createAccount(app);
    const task = await insertTask(app, a, { status: 'in_progress', processed: 250, total: 1000, startedSecondsAgo: 100 });
    const res = await app.http.get(`${BASE}/tasks/${task.task_id}/progress/?user_id=${a.userId}`, { apiKey: a.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.objectContaining({ status: 'in_progress', progress: 25, processed_items: 250, total_items: 1000, completed_at: null }));
    // A quarter done in about 100 s: about 300 s remain, so the estimate lies about 400 s after the start.
    const startToEstimate = (Date.parse(res.body.data.estimated_completion) - Date.parse(res.body.data.started_at)) / 1000;
    expect(startToEstimate).toBeGreaterThan(399);
  });

  test('when a running task has made no progress yet, then there is no estimate', async () => {
    const a = await createAccount(app);
    const task = await insertTask(app, a, { status: 'pending' });
    const res = await app.http.get(`${BASE}/tasks/${task.task_id}/progress/?user_id=${a.userId}`, { apiKey: a.apiKey });
    expect(res.body.data.estimated_completion).toBeNull();
  });

  test("when another tenant's task or an unknown id is asked, then 404 Task not found", async () => {
    const a = await createAccount(app);
    const b = await createAccount(app);
    const theirs = await insertTask(app, b, { status: 'in_progress' });
    for (const key of [theirs.task_id, String(theirs.id), '00000000-0000-0000-0000-000000000000', '99999999999999999999999']) {
      const res = await app.http.get(`${BASE}/tasks/${key}/progress/?user_id=${a.userId}`, { apiKey: a.apiKey });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: 'Errors', errors: { task_id: ['Task not found.'] } });
    }
  });
});

describe('POST tasks/<task_id>/cancel/', () => {
  const cancel = (a: TestAccount, key: string, body: unknown = { user_id: String(a.userId) }) =>
    app.http.post(`${BASE}/tasks/${key}/cancel/`, body, { apiKey: a.apiKey });

  test('when the task has finished, then 400 names task_id and nothing changes', async () => {
    const a = await createAccount(app);
    for (const status of ['completed', 'failed', 'cancelled'] as const) {
      const task = await insertTask(app, a, { status });
      const res = await cancel(a, task.task_id);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'Errors', errors: { task_id: [`Task is already ${status} and cannot be cancelled.`] } });
    }
  });

  test("when the task is another tenant's, then 404 and it keeps running", async () => {
    const a = await createAccount(app);
    const b = await createAccount(app);
    const theirs = await insertTask(app, b, { status: 'in_progress' });
    const res = await cancel(a, theirs.task_id);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'Errors', errors: { task_id: ['Task not found.'] } });
    const mine = await app.http.get(`${BASE}/tasks/${theirs.task_id}/progress/?user_id=${b.userId}`, { apiKey: b.apiKey });
    expect(mine.body.data.status).toBe('in_progress');
  });

  test('when user_id names someone else, then 403 and nothing changes', async () => {
    const a = await createAccount(app);
    const task = await insertTask(app, a, { status: 'in_progress' });
    const res = await cancel(a, task.task_id, { user_id: 'someone-else' });
    expect(res.status).toBe(403);
    const missing = await cancel(a, task.task_id, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors.user_id).toEqual(['This field is required.']);
    const after = await app.http.get(`${BASE}/tasks/${task.task_id}/progress/?user_id=${a.userId}`, { apiKey: a.apiKey });
    expect(after.body.data.status).toBe('in_progress');
  });

  test('when a running task has lost its workflow, then it is closed as cancelled', async () => {
    const a = await createAccount(app);
    const task = await insertTask(app, a, { status: 'in_progress', processed: 100 });
    const res = await cancel(a, String(task.id), { user_id: a.userId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'Task cancelled', data: { task_id: task.task_id, status: 'cancelled' } });
    const again = await cancel(a, task.task_id);
    expect(again.status).toBe(400);
  });
});
