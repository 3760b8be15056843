import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { connectSocketIo, type HeardSocket } from './socket-clients.js';
import { insertTask, reporterFor } from './task-fixtures.js';

let app: TestApp;
let owner: TestAccount;
const open: HeardSocket[] = [];
const connect = async (...args: Parameters<typeof connectSocketIo>) => {
  const heard = await connectSocketIo(...args);
  open.push(heard);
  return heard;
};
const eventOf = (heard: HeardSocket, event: string, taskId: string) =>
  heard.log.waitFor((m) => m.event === event && m.data?.task_id === taskId, `${event} for ${taskId}`);

beforeAll(async () => ({ app, account: owner } = await startTestAppWithAccount()));
afterEach(() => {
  for (const { socket } of open.splice(0)) socket.close();
});
afterAll(() => app.close());

describe('Socket.IO authentication', () => {
  test('when a client connects without a token, then the connection is refused with an error', async () => {
    await expect(connectSocketIo(app)).rejects.toThrow('Authentication credentials were not provided.');
  });

  test('when a client connects with a bad token, then the connection is refused with an error', async () => {
    await expect(connectSocketIo(app, { auth: { token: 'not-a-key' } })).rejects.toThrow('Invalid token.');
    await expect(connectSocketIo(app, { auth: { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.bad' } })).rejects.toThrow('Invalid token.');
  });

  test('when a client connects with a JWT, then connection_established names the user', async () => {
    const heard = await connect(app, { auth: { token: owner.token } });
    const hello = await heard.log.waitFor((m) => m.event === 'connection_established');
    expect(hello.data).toEqual({ type: 'connection_established', message: 'Connected to task progress updates', user_id: owner.userId });
  });

  test('when a client sends an API key as query token or a header, then it is connected', async () => {
    const byQuery = await connect(app, { query: { token: owner.apiKey }, transports: ['websocket'] });
    const byHeader = await connect(app, { extraHeaders: { Authorization: `Token ${owner.apiKey}` } });
    const byBearer = await connect(app, { extraHeaders: { Authorization: `Bearer ${owner.token}` } });
    for (const heard of [byQuery, byHeader, byBearer]) {
      expect((await heard.log.waitFor((m) => m.event === 'connection_established')).data.user_id).toBe(owner.userId);
    }
  });
});

describe('Socket.IO tenant selection', () => {
  test('when a member of two tenants asks for the second, then it hears that tenant’s tasks only; a tenant it is not in is refused', async () => {
    const user = await createAccount(app);
    const second = await createAccount(app);
    const stranger = await createAccount(app);
    await app.owner.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, 'member')`, [second.tenantId, user.userId]);

    await expect(connectSocketIo(app, { auth: { token: user.token, tenant_id: stranger.tenantId } })).rejects.toThrow('You are not a member of this tenant.');
    const heard = await connect(app, { auth: { token: user.token, tenant_id: second.tenantId } });
    const inFirst = await insertTask(app, { tenantId: user.tenantId, userId: user.userId });
    const inSecond = await insertTask(app, { tenantId: second.tenantId, userId: user.userId });
    const reporter = reporterFor(app);
    await reporter.started(inFirst);
    await reporter.started(inSecond);
    await eventOf(heard, 'task_started', inSecond);
    expect(heard.log.messages.filter((m) => m.data?.task_id === inFirst)).toEqual([]);
  });
});

describe('Socket.IO task events', () => {
  test('when a task of the user starts, progresses and completes, then each step arrives by name and as message', async () => {
    const heard = await connect(app, { auth: { token: owner.token } });
    await heard.log.waitFor((m) => m.event === 'connection_established');
    const taskId = await insertTask(app, owner, 'phone-generation', 1000);
    const reporter = reporterFor(app);

    await reporter.started(taskId, 'Generating');
    await reporter.progress(taskId, { processed: 450, total: 1000, currentStep: 'Generating batch 45/100' });
    await reporter.completed(taskId, { total_generated: 1000, success_rate: 100 });

    const started = await eventOf(heard, 'task_started', taskId);
    expect(started.data).toEqual(expect.objectContaining({ type: 'task_started', task_id: taskId, task_name: 'Test phone-generation', timestamp: expect.any(String) }));
    const progress = await eventOf(heard, 'task_progress', taskId);
    expect(progress.data).toEqual({
      type: 'task_progress',
      task_id: taskId,
      status: 'in_progress',
      progress: 45,
      current_step: 'Generating batch 45/100',
      processed_items: 450,
      total_items: 1000,
      timestamp: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(progress.data.timestamp))).toBe(false);
    const completed = await eventOf(heard, 'task_completed', taskId);
    expect(completed.data).toEqual({
      type: 'task_completed',
      task_id: taskId,
      status: 'completed',
      result_data: { total_generated: 1000, success_rate: 100 },
      timestamp: expect.any(String),
    });
    await heard.log.waitFor((m) => m.event === 'message' && m.data.type === 'task_completed' && m.data.task_id === taskId);
    expect(heard.log.messages.filter((m) => m.event === 'message' && m.data.task_id === taskId).map((m) => m.data.type)).toEqual([
      'task_started',
      'task_progress',
      'task_completed',
    ]);
  });

  test('when a task fails, then task_failed carries the error message', async () => {
    const heard = await connect(app, { auth: { token: owner.apiKey } });
    const taskId = await insertTask(app, owner, 'contact-import');
    await reporterFor(app).failed(taskId, 'Database connection error');
    const failed = await eventOf(heard, 'task_failed', taskId);
    expect(failed.data).toEqual({ type: 'task_failed', task_id: taskId, status: 'failed', error_message: 'Database connection error', timestamp: expect.any(String) });
  });

  test('when a user of another tenant is connected, then that user hears nothing of this tenant and cannot subscribe to its task', async () => {
    const stranger = await createAccount(app);
    const strangerSocket = await connect(app, { auth: { token: stranger.token } });
    const ownerSocket = await connect(app, { auth: { token: owner.token } });
    const ownersTask = await insertTask(app, owner);

    const refused = await strangerSocket.socket.emitWithAck('subscribe', { task_id: ownersTask });
    expect(refused).toEqual({ status: 'error', task_id: ownersTask, message: 'Task not found.' });

    const reporter = reporterFor(app);
    await reporter.started(ownersTask);
    await reporter.progress(ownersTask, { processed: 10, total: 100, currentStep: 'Working' });
    await eventOf(ownerSocket, 'task_progress', ownersTask);
    // Events reach each socket in commit order, so once the stranger hears its own later task, it has heard all it ever will of the owner's.
    const strangersTask = await insertTask(app, stranger);
    await reporter.started(strangersTask);
    await eventOf(strangerSocket, 'task_started', strangersTask);
    expect(strangerSocket.log.messages.filter((m) => m.event !== 'subscription_error' && m.data?.task_id === ownersTask)).toEqual([]);
  });

  test('when a member of the tenant subscribes to a task, then its events arrive until the member unsubscribes', async () => {
    const colleague = await createAccount(app, { tenantId: owner.tenantId, role: 'member' });
    const heard = await connect(app, { auth: { token: colleague.token } });
    const taskId = await insertTask(app, owner);
    const reporter = reporterFor(app);

    expect(await heard.socket.emitWithAck('subscribe', { task_id: taskId })).toEqual({ status: 'subscribed', task_id: taskId, room: `task:${taskId}` });
    await reporter.progress(taskId, { processed: 20, total: 100, currentStep: 'Working' });
    expect((await eventOf(heard, 'task_progress', taskId)).data.processed_items).toBe(20);

    expect(await heard.socket.emitWithAck('unsubscribe', taskId)).toEqual({ status: 'unsubscribed', task_id: taskId });
    await reporter.progress(taskId, { processed: 40, total: 100, currentStep: 'Working' });
    const ownTask = await insertTask(app, colleague);
    await reporter.started(ownTask);
    await eventOf(heard, 'task_started', ownTask);
    expect(heard.log.messages.filter((m) => m.event === 'task_progress' && m.data.task_id === taskId).map((m) => m.data.processed_items)).toEqual([20]);
  });
});
