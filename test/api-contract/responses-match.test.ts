import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { openWebSocket, connectSocketIo, type HeardWebSocket } from '../realtime/socket-clients.js';
import { insertTask, reporterFor } from '../realtime/task-fixtures.js';
import { agentPhone } from '../agent/support.js';
import * as realtime from '../../src/api/realtime/realtime.schemas.js';
import { Conformance } from './conformance.js';

/**
 * Real answers of a sample of routes from all five seed families, successes and errors, checked
 * against the schemas their routes document (`Conformance`), and the realtime frames against the
 * AsyncAPI messages' schemas.
 */
let app: TestApp;
let account: TestAccount;
let c: Conformance;
const sockets: HeardWebSocket[] = [];
beforeAll(async () => {
  app = await startTestApp();
  account = await createAccount(app);
  c = new Conformance(app, (await app.http.get('/api/openapi.json')).body);
});
afterAll(async () => {
  for (const { ws } of sockets) ws.terminate();
  await app.close();
});
const as = () => ({ token: account.token });

describe('real answers match their documented schemas', () => {
  test('when seed 000’s phone routes answer, successes in {message, data} and errors in {message: "Errors", errors}', async () => {
    const user = `user_id=${account.userId}`;
    await app.owner.query(
      `insert into phone_numbers (tenant_id, user_id, number, area_code) values ($1, $2, '2015550140', '201'), ($1, $2, '2015550141', '201')`,
      [account.tenantId, account.userId],
    );
    await insertTask(app, account, 'phone-generation', 500);
    const numbers = c.check('get', '/api/phone-generator/list-numbers/', await app.http.get(`/api/phone-generator/list-numbers/?${user}`, as()));
    expect(numbers.body.data.numbers).toHaveLength(2);
    const tasks = c.check('get', '/api/phone-generator/tasks/', await app.http.get(`/api/phone-generator/tasks/?${user}`, as()));
    expect(tasks.body.data.tasks.length).toBeGreaterThan(0);
    c.check('get', '/api/phone-generator/tasks/active/', await app.http.get(`/api/phone-generator/tasks/active/?${user}`, as()));
    c.check('get', '/api/phone-generator/statistics/', await app.http.get(`/api/phone-generator/statistics/?${user}`, as()));
    c.check('get', '/api/phone-generator/download-numbers/', await app.http.get(`/api/phone-generator/download-numbers/?${user}&status=all`, as()));
    const bad = c.check('post', '/api/phone-generator/generate-numbers-enhanced/', await app.http.post('/api/phone-generator/generate-numbers-enhanced/', { user_id: account.userId, area_code: '12', quantity: 'many' }, as()));
    expect(bad.status).toBe(400);
    expect(c.check('get', '/api/phone-generator/list-numbers/', await app.http.get(`/api/phone-generator/list-numbers/?${user}`)).status).toBe(401);
  });

  test('when seed 001/002 routes answer, raw DRF bodies and {detail} errors', async () => {
    c.check('get', '/api/health/', await app.http.get('/api/health/'));
    const created = c.check('post', '/api/api/contacts/', await app.http.post('/api/api/contacts/', { email: `c-${account.userId}@example.test`, first_name: 'Ada', last_name: 'Lovelace', company: 'Engines' }, as()));
    expect(created.status).toBe(201);
    c.check('get', '/api/api/contacts/', await app.http.get('/api/api/contacts/', as()));
    c.check('get', '/api/api/contacts/:id/', await app.http.get(`/api/api/contacts/${created.body.id}/`, as()));
    expect(c.check('get', '/api/api/contacts/:id/', await app.http.get('/api/api/contacts/999999999/', as())).status).toBe(404);
    c.check('get', '/api/api/industries/', await app.http.get('/api/api/industries/', as()));
    c.check('get', '/api/api/dashboard/stats/', await app.http.get('/api/api/dashboard/stats/', as()));
    c.check('get', '/api/payments/plans/', await app.http.get('/api/payments/plans/', as()));
    const upload = c.check('post', '/api/upload/init/', await app.http.post('/api/upload/init/', { fileName: 'a.csv', fileSize: 10, totalChunks: 1 }, as()));
    c.check('get', '/api/upload/:uploadId/', await app.http.get(`/api/upload/${upload.body.uploadId}/`, as()));
    const phone = agentPhone();
    expect(c.check('post', '/api/users/', await app.http.post('/api/users/', { phone_number: phone }, as())).status).toBe(201);
    c.check('get', '/api/users/', await app.http.get('/api/users/', as()));
    c.check('get', '/api/users/:phone/', await app.http.get(`/api/users/${encodeURIComponent(phone)}/`, as()));
    c.check('get', '/api/tasks/analytics/', await app.http.get('/api/tasks/analytics/', as()));
    c.check('get', '/api/analytics/overview/', await app.http.get('/api/analytics/overview/', as()));
    c.check('get', '/api/error-logs/', await app.http.get('/api/error-logs/', as()));
    c.check('get', '/api/system/stats/', await app.http.get('/api/system/stats/', as()));
    expect(c.check('get', '/api/system/stats/', await app.http.get('/api/system/stats/')).status).toBe(401);
    expect(c.check('post', '/api/users/', await app.http.post('/api/users/', { phone_number: 'not a phone' }, as())).status).toBe(400);
  });

  test('when /api/auth/ answers, both seeds’ fields are there and errors carry both envelopes', async () => {
    const login = c.check('post', '/api/auth/login/', await app.http.post('/api/auth/login/', { email: account.email, password: account.password }));
    expect(login.status).toBe(200);
    c.check('get', '/api/auth/profile/', await app.http.get('/api/auth/profile/', as()));
    c.check('post', '/api/auth/token/refresh/', await app.http.post('/api/auth/token/refresh/', { refresh: login.body.refresh }));
    expect(c.check('post', '/api/auth/login/', await app.http.post('/api/auth/login/', { email: account.email, password: 'wrong-password-here' })).status).toBe(401);
    expect(c.check('post', '/api/auth/register/', await app.http.post('/api/auth/register/', { email: 'not-an-email' })).status).toBe(400);
  });

  test('when seed 004 routes answer, {success, status, data} and {success: false, error_code} errors', async () => {
    c.check('get', '/api/tenants/', await app.http.get('/api/tenants/', as()));
    expect(c.check('get', '/api/tenants/:id/', await app.http.get('/api/tenants/abc/', as())).status).toBe(404);
    expect(c.check('post', '/api/messaging/contacts/', await app.http.post('/api/messaging/contacts/', { phone_number: '+14155550123', first_name: 'Ada', tags: ['vip'] }, as())).status).toBe(201);
    c.check('get', '/api/messaging/contacts/', await app.http.get('/api/messaging/contacts/', as()));
    const template = c.check('post', '/api/messaging/templates/', await app.http.post('/api/messaging/templates/', { name: 'Welcome', body_text: 'Hi {{first_name}}' }, as()));
    expect(template.status).toBe(201);
    c.check('get', '/api/messaging/templates/:id/', await app.http.get(`/api/messaging/templates/${template.body.data.id}/`, as()));
    expect(c.check('post', '/api/messaging/templates/', await app.http.post('/api/messaging/templates/', {}, as())).status).toBe(400);
    c.check('post', '/api/messaging/segments/', await app.http.post('/api/messaging/segments/', { name: 'VIP', filter_json: { tags: ['vip'] } }, as()));
    c.check('get', '/api/messaging/segments/', await app.http.get('/api/messaging/segments/', as()));
    const campaign = c.check('post', '/api/messaging/campaigns/', await app.http.post('/api/messaging/campaigns/', { name: 'Sale', campaign_type: 'sms', message_text: 'Hi' }, as()));
    expect(campaign.status).toBe(201);
    c.check('get', '/api/messaging/campaigns/:id/', await app.http.get(`/api/messaging/campaigns/${campaign.body.data.id}/`, as()));
    c.check('get', '/api/messaging/campaigns/', await app.http.get('/api/messaging/campaigns/', as()));
    // Seed 004's actions are documented with their slash and answer without it too.
    const cancelled = c.check('post', '/api/messaging/campaigns/:id/cancel/', await app.http.post(`/api/messaging/campaigns/${campaign.body.data.id}/cancel`, undefined, as()));
    expect(cancelled.body.campaign).toMatchObject({ id: campaign.body.data.id, status: 'cancelled' });
    c.check('get', '/api/messaging/analytics/overview/', await app.http.get('/api/messaging/analytics/overview/', as()));
    c.check('get', '/api/messaging/sms/stats/', await app.http.get('/api/messaging/sms/stats/', as()));
    c.check('post', '/api/messaging/sms/validate-phone/', await app.http.post('/api/messaging/sms/validate-phone/', { phone_number: '+14155550123' }, as()));
    c.check('get', '/api/billing/overview/', await app.http.get('/api/billing/overview/', as()));
    c.check('get', '/api/billing/plans/', await app.http.get('/api/billing/plans/', as()));
    // Only the canonical path is documented; the router still answers it without the slash.
    const bare = await app.http.get('/api/messaging/templates', as());
    expect(bare.status).toBe(200);
    expect(bare.body.data.count).toBe(1);
  });

  test('when seed 003’s channels answer, camelCase channels and {error, details} errors', async () => {
    c.check('get', '/api/channels/', await app.http.get('/api/channels/', as()));
    expect(c.check('get', '/api/channels/:id', await app.http.get('/api/channels/00000000-0000-0000-0000-000000000000', as())).status).toBe(404);
    expect(c.check('post', '/api/channels/generate-phone-number', await app.http.post('/api/channels/generate-phone-number', { country: '' }, as())).status).toBe(400);
  });

  test('when more reads and writes of every family answer, they match too', async () => {
    const user = `user_id=${account.userId}`;
    c.check('get', '/api/phone-generator/get-valid-numbers/', await app.http.get(`/api/phone-generator/get-valid-numbers/?${user}`, as()));
    c.check('get', '/api/phone-generator/clear-numbers/', await app.http.get(`/api/phone-generator/clear-numbers/?${user}`, as()));
    c.check('post', '/api/phone-generator/delete-numbers/', await app.http.post(`/api/phone-generator/delete-numbers/?${user}`, { selectedNumbers: [999999999] }, as()));
    c.check('get', '/api/api/contacts/autocomplete/', await app.http.get('/api/api/contacts/autocomplete/?field=company&q=Eng', as()));
    const contact = c.check('post', '/api/messaging/contacts/', await app.http.post('/api/messaging/contacts/', { phone_number: '+14155550188', name: 'Grace Hopper', attributes: { city: 'Arlington' } }, as()));
    const contactPath = `/api/messaging/contacts/${contact.body.data.id}/`;
    c.check('get', '/api/messaging/contacts/:id/', await app.http.get(contactPath, as()));
    c.check('put', '/api/messaging/contacts/:id/', await app.http.put(contactPath, { title: 'Rear Admiral' }, as()));
    c.check('post', '/api/messaging/contacts/:id/opt-in/', await app.http.post(`${contactPath}opt-in/`, undefined, as()));
    c.check('post', '/api/messaging/contacts/:id/opt-out/', await app.http.post(`${contactPath}opt-out/`, { reason: 'asked' }, as()));
    c.check('post', '/api/messaging/contacts/bulk-import/', await app.http.post('/api/messaging/contacts/bulk-import/', { contacts: [{ phone_number: '+14155550199' }, { email: 'bad' }] }, as()));
    c.check('delete', '/api/messaging/contacts/:id/', await app.http.delete(contactPath, as()));
    c.check('get', '/api/messaging/conversations/', await app.http.get('/api/messaging/conversations/', as()));
    c.check('get', '/api/messaging/messages/', await app.http.get('/api/messaging/messages/', as()));
    c.check('get', '/api/messaging/numbers/', await app.http.get('/api/messaging/numbers/', as()));
    c.check('post', '/api/messaging/sender-ids/', await app.http.post('/api/messaging/sender-ids/', { sender_id: `S${account.userId}`.slice(0, 11) }, as()));
    c.check('get', '/api/messaging/sender-ids/', await app.http.get('/api/messaging/sender-ids/', as()));
    c.check('get', '/api/messaging/sms/balance/', await app.http.get('/api/messaging/sms/balance/', as()));
    c.check('get', '/api/messaging/sms/test-connection/', await app.http.get('/api/messaging/sms/test-connection/', as()));
    c.check('get', '/api/billing/subscription/', await app.http.get('/api/billing/subscription/', as()));
    c.check('get', '/api/billing/usage/', await app.http.get('/api/billing/usage/', as()));
    c.check('get', '/api/tenants/:id/', await app.http.get(`/api/tenants/${account.tenantId}/`, as()));
    c.check('get', '/api/tenants/:id/members/', await app.http.get(`/api/tenants/${account.tenantId}/members/`, as()));
    const key = c.check('post', '/api/auth/api-key/generate/', await app.http.post('/api/auth/api-key/generate/', { name: 'contract' }, as()));
    c.check('post', '/api/auth/api-key/revoke/', await app.http.post('/api/auth/api-key/revoke/', { id: key.body.data.id }, as()));
    const phone = agentPhone();
    await app.http.post('/api/users/', { phone_number: phone }, as());
    c.check('patch', '/api/users/:phone/', await app.http.patch(`/api/users/${encodeURIComponent(phone)}/`, { full_name: 'Ada' }, as()));
    c.check('post', '/api/users/:phone/update_tier/', await app.http.post(`/api/users/${encodeURIComponent(phone)}/update_tier/`, { tier: 'premium' }, as()));
    c.check('get', '/api/tasks/', await app.http.get('/api/tasks/', as()));
    c.check('get', '/api/analytics/users/', await app.http.get('/api/analytics/users/', as()));
    c.check('get', '/api/analytics/performance/', await app.http.get('/api/analytics/performance/', as()));
    expect(c.check('patch', '/api/error-logs/:id/', await app.http.patch('/api/error-logs/999999999/', { resolved: true }, as())).status).toBe(404);
    expect(c.check('get', '/api/messaging/status/:messageId/', await app.http.get('/api/messaging/status/nope/', as())).status).toBe(404);
  });

  test('when a task, a send and a registration answer, they match too', async () => {
    const user = `user_id=${account.userId}`;
    const taskId = await insertTask(app, account, 'phone-generation', 100);
    c.check('get', '/api/phone-generator/tasks/:task_id/progress/', await app.http.get(`/api/phone-generator/tasks/${taskId}/progress/?${user}`, as()));
    c.check('post', '/api/messaging/sms/send/', await app.http.post('/api/messaging/sms/send/', { message: 'Hello', recipients: ['+14155550111'] }, as()));
    c.check('post', '/api/auth/register/', await app.http.post('/api/auth/register/', { email: `reg-${account.userId}@example.test`, password: 'a-long-passphrase-42', password_confirm: 'a-long-passphrase-42', first_name: 'Reg' }));
  });

  test('when the sample is counted, then it spans all five families with successes and errors', () => {
    const routes = new Set(c.checked.map((x) => x.route));
    expect(routes.size).toBeGreaterThanOrEqual(15);
    expect(new Set(c.checked.map((x) => x.family))).toEqual(new Set(['phone', 'drf', 'auth', 'mifumo', 'channels']));
    const errorFamilies = new Set(c.checked.filter((x) => x.status >= 400).map((x) => x.family));
    expect(errorFamilies).toEqual(new Set(['phone', 'drf', 'auth', 'mifumo', 'channels']));
  });
});

describe('realtime frames match the AsyncAPI messages', () => {
  test('when a plain WebSocket listens while a task runs, then every frame parses as its documented message', async () => {
    const heard = openWebSocket(app, `/ws/tasks/${account.userId}/?token=${account.token}`);
    sockets.push(heard);
    expect(realtime.connectionEstablished.safeParse(await heard.log.waitFor((m) => m.type === 'connection_established', 'hello')).success).toBe(true);
    const taskId = await insertTask(app, account, 'contact-import', 10);
    const reporter = reporterFor(app);
    await reporter.started(taskId);
    await reporter.progress(taskId, { processed: 5, total: 10, currentStep: 'Importing' });
    await reporter.completed(taskId, { imported: 10 });
    await heard.log.waitFor((m) => m.type === 'task_completed' && m.task_id === taskId, 'task_completed');
    heard.ws.send(JSON.stringify({ type: 'ping' }));
    expect(realtime.pong.safeParse(await heard.log.waitFor((m) => m.type === 'pong', 'pong')).error).toBeUndefined();
    const frames = heard.log.messages.filter((m: any) => m.task_id === taskId);
    expect(frames.map((m: any) => m.type)).toEqual(['task_started', 'task_progress', 'task_completed']);
    for (const frame of frames) expect(realtime.taskEvent.safeParse(frame).error).toBeUndefined();
  });

  test('when a Socket.IO client connects and subscribes, then its events parse as their documented messages', async () => {
    const { socket, log } = await connectSocketIo(app, { auth: { token: account.token } });
    try {
      const hello = await log.waitFor((e) => e.event === 'connection_established', 'hello');
      expect(realtime.connectionEstablished.safeParse(hello.data).error).toBeUndefined();
      const taskId = await insertTask(app, account, 'phone-generation', 10);
      socket.emit('subscribe', { task_id: taskId });
      expect(realtime.subscribed.safeParse((await log.waitFor((e) => e.event === 'subscribed', 'subscribed')).data).error).toBeUndefined();
      socket.emit('subscribe', { task_id: 'no-such-task' });
      expect(realtime.subscriptionError.safeParse((await log.waitFor((e) => e.event === 'subscription_error', 'subscription_error')).data).error).toBeUndefined();
      await reporterFor(app).started(taskId);
      const started = await log.waitFor((e) => e.event === 'task_started' && e.data.task_id === taskId, 'task_started');
      expect(realtime.taskEvent.safeParse(started.data).error).toBeUndefined();
    } finally {
      socket.close();
    }
  });
});
