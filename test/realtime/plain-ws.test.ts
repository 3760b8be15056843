import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { openWebSocket, type HeardWebSocket } from './socket-clients.js';
import { insertTask, reporterFor } from './task-fixtures.js';

let app: TestApp;
let owner: TestAccount;
const open: HeardWebSocket[] = [];
const connect = (path: string, headers?: Record<string, string>) => {
  const heard = openWebSocket(app, path, headers);
  open.push(heard);
  return heard;
};
const hello = (heard: HeardWebSocket) => heard.log.waitFor((m) => m.type === 'connection_established', 'connection_established');
const eventOf = (heard: HeardWebSocket, type: string, taskId: string) => heard.log.waitFor((m) => m.type === type && m.task_id === taskId, `${type} for ${taskId}`);

beforeAll(async () => ({ app, account: owner } = await startTestAppWithAccount()));
afterEach(() => {
  for (const { ws } of open.splice(0)) ws.terminate();
});
afterAll(() => app.close());

describe('plain WebSocket /ws/tasks/<user_id>/', () => {
  test('when the owner connects with a token, then every task event of the owner arrives as JSON', async () => {
    const heard = connect(`/ws/tasks/${owner.userId}/?token=${owner.token}`);
    expect(await hello(heard)).toEqual({ type: 'connection_established', message: 'Connected to task progress updates', user_id: owner.userId });
    const taskId = await insertTask(app, owner, 'contact-import', 200);
    const reporter = reporterFor(app);
    await reporter.started(taskId);
    await reporter.progress(taskId, { processed: 50, total: 200, currentStep: 'Importing batch 1/4' });
    await reporter.completed(taskId, { imported: 200 });

    expect(await eventOf(heard, 'task_started', taskId)).toEqual(expect.objectContaining({ task_id: taskId, task_name: 'Test contact-import' }));
    expect(await eventOf(heard, 'task_progress', taskId)).toEqual({
      type: 'task_progress',
      task_id: taskId,
      status: 'in_progress',
      progress: 25,
      current_step: 'Importing batch 1/4',
      processed_items: 50,
      total_items: 200,
      timestamp: expect.any(String),
    });
    expect(await eventOf(heard, 'task_completed', taskId)).toEqual({
      type: 'task_completed',
      task_id: taskId,
      status: 'completed',
      result_data: { imported: 200 },
      timestamp: expect.any(String),
    });
  });

  test('when the path names the owner by email without a trailing slash and the API key is a header, then it connects', async () => {
    const heard = connect(`/ws/tasks/${encodeURIComponent(owner.email)}`, { Authorization: `Token ${owner.apiKey}` });
    expect((await hello(heard)).user_id).toBe(owner.userId);
  });

  test('when the path names another user, then the socket is closed with 4403', async () => {
    const other = await createAccount(app, { tenantId: owner.tenantId, role: 'member' });
    const heard = connect(`/ws/tasks/${other.userId}/?token=${owner.token}`);
    expect((await heard.closed).code).toBe(4403);
    expect(heard.log.messages).toEqual([]);
  });

  test('when the caller asks for a tenant it is not a member of, then the socket is closed with 4403', async () => {
    const stranger = await createAccount(app);
    expect((await connect(`/ws/tasks/${owner.userId}/?token=${owner.token}&tenant_id=${stranger.tenantId}`).closed).code).toBe(4403);
  });

  test('when the token is missing or wrong, then the socket is closed with 4401', async () => {
    expect((await connect(`/ws/tasks/${owner.userId}/`).closed).code).toBe(4401);
    expect((await connect(`/ws/tasks/${owner.userId}/?token=wrong`).closed).code).toBe(4401);
    expect((await connect(`/ws/tasks/${owner.userId}/`, { Authorization: 'Bearer a.b.c' }).closed).code).toBe(4401);
  });

  test('when a user of another tenant listens, then none of this tenant’s events reach it', async () => {
    const stranger = await createAccount(app);
    const strangerWs = connect(`/ws/tasks/${stranger.userId}/?token=${stranger.apiKey}`);
    const ownerWs = connect(`/ws/tasks/${owner.userId}/?token=${owner.apiKey}`);
    await Promise.all([hello(strangerWs), hello(ownerWs)]);
    const ownersTask = await insertTask(app, owner);
    const reporter = reporterFor(app);
    await reporter.started(ownersTask);
    await reporter.failed(ownersTask, 'boom');
    await eventOf(ownerWs, 'task_failed', ownersTask);
    // Events arrive in commit order: once the stranger hears its own later task, it has heard all it will of the owner's.
    const strangersTask = await insertTask(app, stranger);
    await reporter.started(strangersTask);
    await eventOf(strangerWs, 'task_started', strangersTask);
    expect(strangerWs.log.messages.filter((m) => m.task_id === ownersTask)).toEqual([]);
  });
});

describe('plain WebSocket /ws/phone-generation/<user_id>/', () => {
  test('when the owner listens, then only phone generation and validation tasks arrive', async () => {
    const heard = connect(`/ws/phone-generation/${owner.userId}/?token=${owner.apiKey}`);
    await hello(heard);
    const importTask = await insertTask(app, owner, 'contact-import');
    const generationTask = await insertTask(app, owner, 'phone-generation');
    const validationTask = await insertTask(app, owner, 'phone-validation');
    const reporter = reporterFor(app);
    await reporter.started(importTask);
    await reporter.started(generationTask);
    await reporter.started(validationTask);
    await eventOf(heard, 'task_started', generationTask);
    await eventOf(heard, 'task_started', validationTask);
    expect(heard.log.messages.filter((m) => m.task_id === importTask)).toEqual([]);
  });

  test('when the path names someone else, then the socket is closed with 4403', async () => {
    const stranger = await createAccount(app);
    expect((await connect(`/ws/phone-generation/${stranger.userId}/?token=${owner.token}`).closed).code).toBe(4403);
  });
});

describe('other upgrade paths', () => {
  test('when an unknown /ws/ path is opened, then it is closed with 4404; outside /ws/ the upgrade is refused', async () => {
    expect((await connect(`/ws/unknown/${owner.userId}/?token=${owner.token}`).closed).code).toBe(4404);
    const refused = connect('/api/health/');
    const status = await new Promise<string>((resolve) => refused.ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode))));
    expect(status).toBe('404');
  });
});
