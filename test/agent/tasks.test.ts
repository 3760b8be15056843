import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { createAgentUser, expectDrfValidation } from './support.js';

let app: TestApp;
let owner: TestAccount;
let coder: { phone_number: string };
let writer: { phone_number: string };

const auth = () => ({ apiKey: owner.apiKey });
const ask = (user_phone: string, sms_content: string, category?: string) => app.http.post('/api/tasks/', { user_phone, sms_content, ...(category ? { category } : {}) }, auth());

beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount());
  coder = await createAgentUser(app, owner, { tier: 'premium' });
  writer = await createAgentUser(app, owner);
  // Three requests through the sms-agent workflow: two from the coder (debug, coding), one general.
  for (const [phone, text] of [
    [coder.phone_number, 'Help me debug this Python function that fails'],
    [coder.phone_number, 'Create a Python function to sort a list'],
    [writer.phone_number, 'What is a good name for a bakery?'],
  ]) {
    const res = await ask(phone, text);
    if (res.status !== 201) throw new Error(`task: ${res.status} ${res.text}`);
  }
});
afterAll(() => app.close());

test('when a task is created by hand, then the simulated model answers it, categorised, and the user is counted', async () => {
  const user = await createAgentUser(app, owner);
  const res = await ask(user.phone_number, 'Help me debug this Python function:\n\ndef f(x):\n    return x +');
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    id: expect.any(Number),
    user_phone: user.phone_number,
    category: 'debug',
    success: true,
    error_message: null,
    ai_response: expect.stringContaining('[Simulated AI]'),
    tokens_used: expect.any(Number),
    complexity_score: expect.any(Number),
    processing_time: expect.any(Number),
    completed_at: expect.any(String),
    metadata: expect.objectContaining({ language: 'python', simulated: true, model_used: 'simulated', prompt_template: 'debug_code' }),
  });
  const detail = await app.http.get(`/api/tasks/${res.body.id}/`, auth());
  expect(detail.status).toBe(200);
  expect(detail.body.ai_response).toBe(res.body.ai_response);
  const userDetail = await app.http.get(`/api/users/${user.phone_number}/`, auth());
  expect(userDetail.body).toMatchObject({ total_requests: 1, monthly_requests: 1, stats: { success_rate: 100, favorite_categories: ['debug'] } });
});

test('when tasks are listed with filters, then only matching tasks are counted and returned', async () => {
  const byUser = await app.http.get(`/api/tasks/?user_phone=${encodeURIComponent(coder.phone_number)}`, auth());
  expect(byUser.status).toBe(200);
  expect(byUser.body).toMatchObject({ count: 2, next: null, previous: null });
  const coding = await app.http.get(`/api/tasks/?user_phone=${encodeURIComponent(coder.phone_number)}&category=coding&page=1&page_size=10`, auth());
  expect(coding.body.count).toBe(1);
  expect(coding.body.results[0]).toMatchObject({ category: 'coding', sms_content: 'Create a Python function to sort a list' });
  const failed = await app.http.get(`/api/tasks/?user_phone=${encodeURIComponent(coder.phone_number)}&success=false`, auth());
  expect(failed.body.count).toBe(0);
  const future = await app.http.get('/api/tasks/?created_after=2999-01-01', auth());
  expect(future.body.count).toBe(0);
  const paged = await app.http.get(`/api/tasks/?user_phone=${encodeURIComponent(coder.phone_number)}&page_size=1`, auth());
  expect(paged.body.results).toHaveLength(1);
  expect(paged.body.next).toContain('page=2');
});

test('when task analytics are asked for one user, then the totals and category breakdown add up', async () => {
  const res = await app.http.get(`/api/tasks/analytics/?user_phone=${encodeURIComponent(coder.phone_number)}`, auth());
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ total_tasks: 2, successful_tasks: 2, success_rate: 100, avg_tokens_used: expect.any(Number) });
  expect(res.body.category_breakdown).toEqual({
    coding: { count: 1, success_rate: 100, avg_processing_time: expect.any(Number) },
    debug: { count: 1, success_rate: 100, avg_processing_time: expect.any(Number) },
  });
  expect(res.body.daily_stats).toEqual([{ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), total_tasks: 2, successful_tasks: 2, avg_processing_time: expect.any(Number) }]);
});

test('when the overview and performance are asked, then they count this tenant only', async () => {
  const fresh = await createAccount(app);
  const empty = await app.http.get('/api/analytics/overview/', { apiKey: fresh.apiKey });
  expect(empty.body).toMatchObject({ total_users: 0, total_tasks: 0, tier_distribution: { free: 0, premium: 0, enterprise: 0 }, top_categories: [] });
  const mine = await app.http.get('/api/analytics/overview/', auth());
  expect(mine.status).toBe(200);
  expect(mine.body.total_tasks).toBeGreaterThanOrEqual(3);
  expect(mine.body.tier_distribution.premium).toBe(1);
  expect(mine.body.top_categories.map((c: { category: string }) => c.category)).toEqual(expect.arrayContaining(['coding', 'debug', 'general']));
  const perf = await app.http.get('/api/analytics/performance/', auth());
  expect(perf.status).toBe(200);
  expect(perf.body).toMatchObject({ response_times: { avg: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) }, error_rates: { total_errors: 0 } });
});

test('when a free user has used the month allowance, then the task is refused without calling the model', async () => {
  const user = await createAgentUser(app, owner, { tier: 'free' });
  await app.owner.query(`update agent_users set monthly_requests = 10 where tenant_id = $1 and phone_number = $2`, [owner.tenantId, user.phone_number]);
  const res = await ask(user.phone_number, 'One more question');
  expect(res.status).toBe(403);
  expect(res.body).toMatchObject({ detail: expect.stringContaining('monthly'), request_id: expect.any(String) });
  expect(res.body.code).toBe('TIER_LIMIT_EXCEEDED');
  expect(res.headers.get('error-code')).toBe('TIER_LIMIT_EXCEEDED');
  const tasks = await app.http.get(`/api/tasks/?user_phone=${encodeURIComponent(user.phone_number)}`, auth());
  expect(tasks.body.count).toBe(0);
});

test("when a task names another tenant's user or bad input, then the answer is 404 or a 400 envelope", async () => {
  const other = await createAccount(app);
  expect((await app.http.post('/api/tasks/', { user_phone: coder.phone_number, sms_content: 'hi' }, { apiKey: other.apiKey })).status).toBe(404);
  const bad = await app.http.post('/api/tasks/', { user_phone: coder.phone_number, sms_content: '', category: 'poetry' }, auth());
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject(expectDrfValidation({}, 'sms_content'));
  expect(bad.body.fields.category).toBeDefined();
  const badQuery = await app.http.get('/api/tasks/?success=maybe&created_after=yesterday', auth());
  expect(badQuery.status).toBe(400);
  expect(Object.keys(badQuery.body.fields).sort()).toEqual(['created_after', 'success']);
  const firstTask = (await app.http.get('/api/tasks/', auth())).body.results[0];
  expect((await app.http.get(`/api/tasks/${firstTask.id}/`, { apiKey: other.apiKey })).status).toBe(404);
});
