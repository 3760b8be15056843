import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { buyNumber, postSignedWebhook } from '../messaging/support.js';
import { eventually } from '../support/eventually.js';
import { recordHistory } from '../replay/record-history.js';
import { createAgentUser } from './support.js';

let app: TestApp;
let owner: TestAccount;

const auth = () => ({ apiKey: owner.apiKey });

beforeAll(async () => ({ app, account: owner } = await startTestAppWithAccount()));
afterAll(() => app.close());

test('when a broadcast goes to premium and enterprise users, then the workflow texts exactly them and completes', async () => {
  for (const tier of ['premium', 'premium', 'enterprise', 'free']) await createAgentUser(app, owner, { tier });
  const res = await app.http.post('/api/messaging/broadcast/', { message: 'System maintenance tonight at 2 AM EST.', tier_filter: ['premium', 'enterprise'], message_type: 'announcement' }, auth());
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ message_id: expect.stringMatching(/^broadcast_\d{8}_/), recipients_count: 3, estimated_delivery: expect.any(String), status: 'queued' });
  expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
  const path = `/api/messaging/status/${res.body.message_id}/`;
  const status = await eventually(() => app.http.get(path, auth()), (r) => r.body.status === 'completed', { what: 'the broadcast to complete' });
  expect(status.body).toMatchObject({ message_id: res.body.message_id, status: 'completed', sent_count: 3, failed_count: 0, delivery_rate: 100, created_at: expect.any(String), completed_at: expect.any(String) });
  const workflowId = `broadcast-t${owner.tenantId}-${res.body.message_id}`;
  expect(await app.temporal.client.workflow.getHandle(workflowId).result()).toEqual({ sent: 3, failed: 0 });
  await recordHistory(app, workflowId, 'broadcast-completed');
  const other = await createAccount(app);
  expect((await app.http.get(path, { apiKey: other.apiKey })).status).toBe(404);
});

test('when a broadcast names an unknown tier, then the answer is a 400 on tier_filter', async () => {
  const res = await app.http.post('/api/messaging/broadcast/', { message: 'hi', tier_filter: ['gold'] }, auth());
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ error: 'validation_error', fields: { 'tier_filter.0': expect.any(Array) } });
});

test('when an error is logged, then it can be listed by filter and resolved, but not by another tenant', async () => {
  const user = await createAgentUser(app, owner);
  const { rows } = await app.owner.query<{ id: number }>(
    `insert into error_logs (tenant_id, user_phone, error_type, error_message, metadata) values ($1, $2, 'openai_timeout', 'timed out after 60 seconds', '{"timeout": 60}'), ($1, $2, 'invalid_phone', 'bad number', '{}') returning id`,
    [owner.tenantId, user.phone_number],
  );
  const list = await app.http.get(`/api/error-logs/?error_type=openai_timeout&resolved=false&user_phone=${encodeURIComponent(user.phone_number)}`, auth());
  expect(list.status).toBe(200);
  expect(list.body).toMatchObject({ count: 1, next: null, previous: null, results: [{ id: rows[0].id, error_type: 'openai_timeout', resolved: false, metadata: { timeout: 60 }, timestamp: expect.any(String) }] });
  const other = await createAccount(app);
  expect((await app.http.patch(`/api/error-logs/${rows[0].id}/`, { resolved: true }, { apiKey: other.apiKey })).status).toBe(404);
  const resolved = await app.http.patch(`/api/error-logs/${rows[0].id}/`, { resolved: true, resolution_notes: 'Raised the timeout' }, auth());
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({ id: rows[0].id, resolved: true, resolution_notes: 'Raised the timeout' });
  expect((await app.http.get('/api/error-logs/?resolved=true', auth())).body.count).toBe(1);
  expect((await app.http.get('/api/error-logs/?resolved=yes', auth())).status).toBe(400);
  const perf = await app.http.get('/api/analytics/performance/', auth());
  expect(perf.body.error_rates.common_errors).toEqual(expect.arrayContaining([{ type: 'openai_timeout', count: 1 }]));
});

test('when an agent user texts the tenant number, then the sms-agent workflow answers and records the task', async () => {
  const tenantNumber = await buyNumber(app, owner);
  const user = await createAgentUser(app, owner);
  const sid = `SM${Date.now().toString(16).padEnd(32, '0')}`;
  const hook = await postSignedWebhook(app, '/api/sms/receive/', { AccountSid: 'ACx', MessageSid: sid, From: user.phone_number, To: tenantNumber, Body: 'Write a SQL query for the top customers' });
  expect(hook.status).toBe(200);
  expect(hook.text).toContain("I'm processing your request");
  const tasks = await eventually(
    () => app.http.get(`/api/tasks/?user_phone=${encodeURIComponent(user.phone_number)}`, auth()),
    (r) => r.body.count === 1 && r.body.results?.[0]?.completed_at != null,
    { what: 'the answered task' },
  );
  expect(tasks.body.results[0]).toMatchObject({ category: 'coding', success: true, metadata: expect.objectContaining({ source: 'sms', language: 'sql' }) });
  const workflowId = `sms-agent-t${owner.tenantId}-${sid}`;
  expect(await app.temporal.client.workflow.getHandle(workflowId).result()).toEqual({ taskId: tasks.body.results[0].id, outcome: 'answered' });
  await recordHistory(app, workflowId, 'sms-agent-answered');
  // The same delivery again starts nothing new.
  await postSignedWebhook(app, '/api/sms/receive/', { AccountSid: 'ACx', MessageSid: sid, From: user.phone_number, To: tenantNumber, Body: 'Write a SQL query for the top customers' });
  expect((await app.http.get(`/api/users/${user.phone_number}/`, auth())).body.total_requests).toBe(1);
});

test('when a free user over the allowance texts in, then a polite reply goes out and no task or model call is made', async () => {
  const tenantNumber = await buyNumber(app, owner);
  const user = await createAgentUser(app, owner, { tier: 'free' });
  await app.owner.query(`update agent_users set monthly_requests = 10 where tenant_id = $1 and phone_number = $2`, [owner.tenantId, user.phone_number]);
  const sid = `SM${(Date.now() + 1).toString(16).padEnd(32, '1')}`;
  const hook = await postSignedWebhook(app, '/api/sms/receive/', { AccountSid: 'ACx', MessageSid: sid, From: user.phone_number, To: tenantNumber, Body: 'Another question' });
  expect(hook.status).toBe(200);
  const handle = app.temporal.client.workflow.getHandle(`sms-agent-t${owner.tenantId}-${sid}`);
  expect(await handle.result()).toEqual({ taskId: null, outcome: 'over_limit' });
  await recordHistory(app, handle.workflowId, 'sms-agent-over-limit');
  expect((await app.http.get(`/api/tasks/?user_phone=${encodeURIComponent(user.phone_number)}`, auth())).body.count).toBe(0);
});
