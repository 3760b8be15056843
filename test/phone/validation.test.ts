import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { cancelUpdate } from '../../src/workflows/shared/task-messages.js';
import { eventually } from '../support/eventually.js';
import { ownTaskQueues, startOwnWorkers } from '../support/own-workers.js';
import { recordHistory } from '../replay/record-history.js';
import { holdBatch } from './batch-gate.js';
import { countRows, listenToTaskEvents, numbersOf, post, waitForTask } from './generation-support.js';
import { consecutive, insertManyPending, insertPending } from './validation-support.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const INVALID = ['+14150001234', '+15555550123'];

describe('validate-numbers-enhanced', () => {
  test('when pending numbers of a project are validated, then each ends valid or invalid with carrier and line type, once', async () => {
    const account = await createAccount(app);
    const valid = consecutive('415', '867', 5300, 230);
    await insertPending(app, account, [...valid, ...INVALID], 'v');
    await insertPending(app, account, consecutive('415', '867', 6000, 5), 'other');
    const listener = await listenToTaskEvents(app);

    const res = await post(app, account, '/validate-numbers-enhanced/', { project_id: 'v', batch_size: 100 });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      message: 'Phone number validation started',
      data: expect.objectContaining({ task_id: expect.any(String), total_numbers: 232, batch_size: 100, project_id: 'v', estimated_time: expect.any(String) }),
    });
    const task = await waitForTask(app, res.body.data.task_id);
    expect(task).toEqual(expect.objectContaining({ kind: 'phone-validation', processed_items: 232, total_items: 232, progress: 100 }));
    expect(task.result).toEqual(expect.objectContaining({ total_validated: 232, valid_numbers: 230, invalid_numbers: 2, success_rate: 100, lookup_source: 'simulated' }));

    const numbers = await numbersOf(app, account.tenantId, `project_id = 'v'`);
    for (const n of numbers) {
      if (INVALID.includes(n.number)) expect(n).toEqual(expect.objectContaining({ status: 'invalid', carrier: null, line_type: null, lookup_source: 'simulated' }));
      else expect(n).toEqual(expect.objectContaining({ status: 'valid', carrier: expect.any(String), line_type: expect.stringMatching(/^(mobile|landline|voip)$/), lookup_source: 'simulated' }));
    }
    // Carriers own thousands-blocks: 867-5xxx and 867-6xxx may differ, but inside a block the answer is one.
    const block53 = numbers.filter((n) => n.number.startsWith('+14158675'));
    expect(new Set(block53.map((n) => `${n.carrier}/${n.line_type}`)).size).toBe(1);
    expect(await countRows(app, `select count(*)::int as n from phone_numbers where tenant_id = $1 and project_id = 'other' and status = 'pending'`, [account.tenantId])).toBe(5);
    expect(await countRows(app, `select count(*)::int as n from number_lookups where number = any($1) and source = 'simulated'`, [[...valid, ...INVALID]])).toBe(232);

    const events = await eventually(() => listener.events(task.task_id), (heard) => heard.some((e) => e.type === 'task_completed'), { timeout: 10_000, what: 'the task_completed event' });
    await listener.close();
    expect(events[0]).toEqual(expect.objectContaining({ type: 'task_started', kind: 'phone-validation', task_name: 'Phone Number Validation' }));
    expect(events.filter((e) => e.type === 'task_progress').length).toBeGreaterThanOrEqual(3);
    await app.temporal.client.workflow.getHandle(task.workflow_id!).result();
    await recordHistory(app, task.workflow_id!, 'phone-validation-completed');
  });

  test('when another tenant validates the same numbers, then it gets the same answers from the cache without new lookups', async () => {
    const first = await createAccount(app);
    const second = await createAccount(app);
    const numbers = consecutive('303', '245', 1000, 120);
    await insertPending(app, first, numbers);
    await insertPending(app, second, numbers);
    const a = await post(app, first, '/validate-numbers-enhanced/', { batch_size: 100 });
    await waitForTask(app, a.body.data.task_id);
    const b = await post(app, second, '/validate-numbers-enhanced/', { batch_size: 100 });
    const done = await waitForTask(app, b.body.data.task_id);
    expect(done.result).toEqual(expect.objectContaining({ total_validated: 120, numbers_looked_up: 0 }));
    const view = (rows: Awaited<ReturnType<typeof numbersOf>>) => rows.map((n) => `${n.number} ${n.status} ${n.carrier} ${n.line_type}`);
    expect(view(await numbersOf(app, second.tenantId))).toEqual(view(await numbersOf(app, first.tenantId)));
  });
});

describe('bulk-validate', () => {
  test('when specific ids are named, then only those are validated', async () => {
    const account = await createAccount(app);
    const ids = await insertPending(app, account, consecutive('206', '324', 100, 10));
    const res = await post(app, account, '/bulk-validate/', { phone_ids: [ids[1], String(ids[3]), ids[5]], batch_size: 500 });
    expect(res.status).toBe(202);
    expect(res.body.data).toEqual(expect.objectContaining({ total_numbers: 3, requested_ids: 3 }));
    const task = await waitForTask(app, res.body.data.task_id);
    const rows = await numbersOf(app, account.tenantId);
    expect(rows.filter((r) => r.status !== 'pending').map((r) => r.id)).toEqual([ids[1], ids[3], ids[5]]);
    await app.temporal.client.workflow.getHandle(task.workflow_id!).result();
    await recordHistory(app, task.workflow_id!, 'phone-validation-ids');
  });

  test('when an id is another tenant\'s or does not exist, then it is a 404 naming phone_ids and nothing starts', async () => {
    const mine = await createAccount(app);
    const theirs = await createAccount(app);
    const myIds = await insertPending(app, mine, consecutive('206', '325', 100, 3));
    const theirIds = await insertPending(app, theirs, consecutive('206', '326', 100, 2));
    for (const phoneIds of [[myIds[0], theirIds[0]], [myIds[0], 987_654_321_012]]) {
      const res = await post(app, mine, '/bulk-validate/', { phone_ids: phoneIds });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: 'Errors', errors: { phone_ids: [`Phone numbers not found: ${phoneIds[1]}.`] } });
    }
    expect(await countRows(app, `select count(*)::int as n from tasks where tenant_id = $1`, [mine.tenantId])).toBe(0);
    expect(await countRows(app, `select count(*)::int as n from phone_numbers where tenant_id = any($1) and status <> 'pending'`, [[mine.tenantId, theirs.tenantId]])).toBe(0);
  });

  test.each([
    ['no phone_ids', {}, 'phone_ids', 'This field is required.'],
    ['an empty list', { phone_ids: [] }, 'phone_ids', 'This list may not be empty.'],
    ['a non-numeric id', { phone_ids: [1, 'x'] }, 'phone_ids', 'Every phone id must be a positive integer.'],
    ['batch_size 99', { phone_ids: [1], batch_size: 99 }, 'batch_size', 'Batch size must be between 100 and 10,000.'],
    ['batch_size 10,001', { phone_ids: [1], batch_size: 10_001 }, 'batch_size', 'Batch size must be between 100 and 10,000.'],
  ])('when the request has %s, then it is a 400 naming the field', async (_label, body, field, message) => {
    const account = await createAccount(app);
    const res = await post(app, account, '/bulk-validate/', body);
    expect(res.status).toBe(400);
    expect(res.body.errors[field]).toEqual([message]);
    expect(await countRows(app, `select count(*)::int as n from tasks where tenant_id = $1`, [account.tenantId])).toBe(0);
  });
});

describe('legacy validate-numbers', () => {
  test('when a few numbers are pending, then the answer waits and reports the outcome', async () => {
    const account = await createAccount(app);
    await insertPending(app, account, [...consecutive('512', '444', 10, 40), INVALID[0]]);
    const res = await post(app, account, '/validate-numbers/', {});
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Phone numbers validated successfully');
    expect(res.body.data).toEqual(expect.objectContaining({ status: 'completed', total_numbers: 41, total_validated: 41, valid_numbers: 40, invalid_numbers: 1 }));
  });
});

describe('cancel', () => {
  // The job runs on workers of this file's own, started once a gate holds it before its fourth batch.
  let held: TestApp;
  beforeAll(async () => {
    held = await startTestApp(ownTaskQueues('val-cancel'));
  });
  afterAll(() => held.close());

  test('when a running validation is cancelled, then it stops within a batch and what it validated stays', async () => {
    const account = await createAccount(held);
    await insertManyPending(held, account, 2_000, 'big');
    const res = await post(held, account, '/validate-numbers-enhanced/', { project_id: 'big', batch_size: 100 });
    const taskId = res.body.data.task_id;
    const gate = await holdBatch(held, 'validation', account.tenantId, taskId, 3);
    const workers = await startOwnWorkers(held);
    try {
      await gate.reached();
      const handle = held.temporal.client.workflow.getHandle(`phone-validation-t${account.tenantId}-${taskId}`);
      expect(await handle.executeUpdate(cancelUpdate)).toEqual({ accepted: true, status: 'cancelled' });
      await gate.release();
      const task = await waitForTask(held, taskId, ['cancelled']);
      await handle.result();
      const validated = await countRows(held, `select count(*)::int as n from phone_numbers where tenant_id = $1 and status <> 'pending'`, [account.tenantId]);
      expect(task.result).toEqual(expect.objectContaining({ cancelled: true, total_validated: validated }));
      expect(validated).toBe(300);
      await recordHistory(held, handle.workflowId, 'phone-validation-cancelled');
    } finally {
      await gate.release();
      await workers.stop();
    }
  });
});
