import { startTestApp, startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { cancelUpdate, progressQuery } from '../../src/workflows/shared/task-messages.js';
import { TASK_KIND_KEY, TENANT_KEY } from '../../src/temporal/search-attributes.js';
import { eventually } from '../support/eventually.js';
import { ownTaskQueues, startOwnWorkers } from '../support/own-workers.js';
import { recordHistory } from '../replay/record-history.js';
import { holdBatch } from './batch-gate.js';
import { listenToTaskEvents, numbersOf, post, realLookingProblem, taskRow, waitForTask } from './generation-support.js';

let app: TestApp;
let account: TestAccount;
beforeAll(async () => ({ app, account } = await startTestAppWithAccount()));
afterAll(() => app.close());

describe('generate-numbers-enhanced', () => {
  test('when a valid request arrives, then 202 names the task and it stores exactly that many unique real-looking numbers', async () => {
    const listener = await listenToTaskEvents(app);
    const res = await post(app, account, '/generate-numbers-enhanced/', { project_id: '5', area_code: '415', quantity: 350, batch_size: 100 });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      message: 'Phone number generation started',
      data: expect.objectContaining({ task_id: expect.any(String), area_code: '415', quantity: 350, batch_size: 100, estimated_time: expect.any(String) }),
    });
    const taskId = res.body.data.task_id;
    const task = await waitForTask(app, taskId);
    expect(task).toEqual(expect.objectContaining({ kind: 'phone-generation', project_id: '5', progress: 100, processed_items: 350, total_items: 350 }));
    expect(task.result).toEqual(expect.objectContaining({ total_generated: 350, success_rate: 100, area_code: '415' }));

    const numbers = await numbersOf(app, account.tenantId, 'generation_task_id = $2', [taskId]);
    expect(numbers).toHaveLength(350);
    expect(new Set(numbers.map((n) => n.number)).size).toBe(350);
    expect(numbers.map((n) => realLookingProblem(n.number, '415')).filter(Boolean)).toEqual([]);
    expect(new Set(numbers.map((n) => n.status))).toEqual(new Set(['pending']));
    expect(new Set(numbers.map((n) => n.area_code))).toEqual(new Set(['415']));
    expect(new Set(numbers.map((n) => n.number.slice(5, 8))).size).toBeGreaterThan(100);

    const events = await eventually(() => listener.events(taskId), (heard) => heard.some((e) => e.type === 'task_completed'), { timeout: 10_000, what: 'the task_completed event' });
    await listener.close();
    expect(events[0]).toEqual(expect.objectContaining({ type: 'task_started', task_name: 'Phone Number Generation', kind: 'phone-generation' }));
    expect(events.filter((e) => e.type === 'task_progress').length).toBeGreaterThanOrEqual(4);
    expect(events.at(-1)).toEqual(expect.objectContaining({ type: 'task_completed', result_data: expect.objectContaining({ total_generated: 350, success_rate: 100 }) }));
    await app.temporal.client.workflow.getHandle(task.workflow_id!).result();
    await recordHistory(app, task.workflow_id!, 'phone-generation-completed');
  });

  test('when a second generation asks for the same project and area code, then it adds only numbers the project does not hold', async () => {
    const first = await post(app, account, '/generate-numbers-enhanced/', { project_id: 'dup', area_code: '212', quantity: 300, batch_size: 100 });
    await waitForTask(app, first.body.data.task_id);
    const second = await post(app, account, '/generate-numbers-enhanced/', { project_id: 'dup', area_code: '212', quantity: 300, batch_size: 100 });
    await waitForTask(app, second.body.data.task_id);
    const numbers = await numbersOf(app, account.tenantId, `project_id = 'dup'`);
    expect(numbers).toHaveLength(600);
    expect(new Set(numbers.map((n) => n.number)).size).toBe(600);
  });

  test('when the workflow runs, then its id, search attributes and progress query name the tenant and kind', async () => {
    const res = await post(app, account, '/generate-numbers-enhanced/', { area_code: '646', quantity: 200, batch_size: 100 });
    const taskId = res.body.data.task_id;
    const workflowId = `phone-generation-t${account.tenantId}-${taskId}`;
    expect((await taskRow(app, taskId)).workflow_id).toBe(workflowId);
    await waitForTask(app, taskId);
    const handle = app.temporal.client.workflow.getHandle(workflowId);
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(TENANT_KEY)).toBe(String(account.tenantId));
    expect(description.typedSearchAttributes.get(TASK_KIND_KEY)).toBe('phone-generation');
    expect(await handle.query(progressQuery)).toEqual(expect.objectContaining({ status: 'completed', processed: 200, total: 200 }));
    const listed = async () => {
      const ids: string[] = [];
      const query = `SwitchboardTenant = '${account.tenantId}' AND SwitchboardTaskKind = 'phone-generation'`;
      for await (const wf of app.temporal.client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids;
    };
    await eventually(listed, (ids) => ids.includes(workflowId), { timeout: 30_000, what: 'visibility to list the workflow by tenant and kind' });
  });
});

describe('legacy generate-numbers', () => {
  test('when fewer than 10,000 numbers are asked, then the answer waits and lists the numbers', async () => {
    const res = await post(app, account, '/generate-numbers/', { project_id: 'legacy', area_code: '312', quantity: 120, batch_size: 100 });
    expect(res.status).toBe(201);
    expect(res.body.message).toBe('Phone numbers generated successfully');
    expect(res.body.data).toEqual(expect.objectContaining({ status: 'completed', total_generated: 120, success_rate: 100, area_code: '312' }));
    expect(res.body.data.numbers).toHaveLength(120);
    expect(res.body.data.numbers.map((n: string) => realLookingProblem(n, '312')).filter(Boolean)).toEqual([]);
  });
});

describe('cancel', () => {
  // The job runs on workers of this file's own, started once a gate holds it before its third batch.
  let held: TestApp;
  beforeAll(async () => {
    held = await startTestApp(ownTaskQueues('gen-cancel'));
  });
  afterAll(() => held.close());

  test('when a running generation is cancelled, then it stops within a batch, keeps what it stored and ends cancelled', async () => {
    const owner = await createAccount(held);
    const res = await post(held, owner, '/generate-numbers-enhanced/', { project_id: 'cancel', area_code: '718', quantity: 200_000, batch_size: 100 });
    const taskId = res.body.data.task_id;
    const gate = await holdBatch(held, 'generation', owner.tenantId, taskId, 2);
    const workers = await startOwnWorkers(held);
    try {
      await gate.reached();
      expect(await taskRow(held, taskId)).toEqual(expect.objectContaining({ status: 'in_progress', processed_items: 200 }));
      const handle = held.temporal.client.workflow.getHandle(`phone-generation-t${owner.tenantId}-${taskId}`);
      expect(await handle.executeUpdate(cancelUpdate)).toEqual({ accepted: true, status: 'cancelled' });
      await gate.release();
      const task = await waitForTask(held, taskId, ['cancelled']);
      const stored = await numbersOf(held, owner.tenantId, 'generation_task_id = $2', [taskId]);
      expect(task.result).toEqual(expect.objectContaining({ cancelled: true, total_generated: stored.length }));
      expect(stored.length).toBe(200);
      await handle.result();
      expect((await numbersOf(held, owner.tenantId, 'generation_task_id = $2', [taskId])).length).toBe(stored.length);
      await recordHistory(held, handle.workflowId, 'phone-generation-cancelled');
    } finally {
      await gate.release();
      await workers.stop();
    }
  });
});
