import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { createLogger } from '../../src/logger.js';
import { TaskEventListener } from '../../src/api/realtime/task-event-listener.js';
import { TASK_EVENTS_CHANNEL, type TaskEventEnvelope } from '../../src/domain/tasks/task-events.js';
import { eventually } from '../support/eventually.js';
import { MessageLog } from './message-log.js';
import { insertTask, reporterFor } from './task-fixtures.js';

let app: TestApp;
let owner: TestAccount;
let listener: TaskEventListener;
const heard = new MessageLog<TaskEventEnvelope>();

beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount());
  listener = new TaskEventListener(app.db.pool.options, createLogger('silent'));
  listener.onEvent((e) => heard.push(e));
  await listener.start();
});
afterAll(async () => {
  await listener.close();
  await app.close();
});

describe('task event listener', () => {
  test('when a task moves, then the envelope names its tenant, user, task and kind', async () => {
    const taskId = await insertTask(app, owner, 'phone-validation');
    await reporterFor(app).started(taskId);
    const envelope = await heard.waitFor((e) => e.taskId === taskId);
    expect(envelope).toEqual({ tenantId: owner.tenantId, userId: owner.userId, taskId, kind: 'phone-validation', event: expect.objectContaining({ type: 'task_started' }) });
  });

  test('when a malformed payload is notified, then it is ignored and later events still arrive', async () => {
    await app.owner.query('select pg_notify($1, $2)', [TASK_EVENTS_CHANNEL, 'not json']);
    await app.owner.query('select pg_notify($1, $2)', [TASK_EVENTS_CHANNEL, JSON.stringify({ tenantId: 1, event: {} })]);
    const taskId = await insertTask(app, owner);
    await reporterFor(app).started(taskId);
    await heard.waitFor((e) => e.taskId === taskId);
    expect(heard.messages.every((e) => typeof e.taskId === 'string' && typeof e.event.type === 'string')).toBe(true);
  });

  test('when its connection is killed, then it reconnects and hears events committed afterwards', async () => {
    const killedPid = listener.backendPid;
    expect(killedPid).toEqual(expect.any(Number));
    await app.owner.query('select pg_terminate_backend($1)', [killedPid]);
    const taskId = await insertTask(app, owner, 'phone-generation', 1_000_000);
    const reporter = reporterFor(app);
    // Events committed while it is reconnecting are lost by design, so keep moving the task until one is heard.
    let processed = 0;
    const moveAndListen = async () => {
      await reporter.progress(taskId, { processed: ++processed, total: 1_000_000, currentStep: 'Working' });
      return heard.messages.some((e) => e.taskId === taskId);
    };
    await eventually(moveAndListen, (arrived) => arrived, { timeout: 60_000, what: 'an event after reconnecting' });
    expect(listener.backendPid).not.toBe(killedPid);
  });
});
