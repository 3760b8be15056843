import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { agentPhone, createAgentUser, expectDrfValidation } from './support.js';

let app: TestApp;
let owner: TestAccount;
let stranger: TestAccount;

beforeAll(async () => {
  app = await startTestApp();
  [owner, stranger] = await Promise.all([createAccount(app), createAccount(app)]);
});
afterAll(() => app.close());

const auth = () => ({ apiKey: owner.apiKey });

test('when a user is created, then the answer is 201 in seed 002 shape and carries rate-limit headers', async () => {
  const phone = agentPhone();
  const res = await app.http.post(
    '/api/users/',
    { phone_number: phone, tier: 'free', email: 'jane@example.com', full_name: 'Jane Smith', timezone: 'America/New_York', preferences: { notifications: true, language: 'en' } },
    auth(),
  );
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    phone_number: phone,
    tier: 'free',
    email: 'jane@example.com',
    full_name: 'Jane Smith',
    timezone: 'America/New_York',
    total_requests: 0,
    monthly_requests: 0,
    created_at: expect.any(String),
    last_active: expect.any(String),
  });
  expect(res.headers.get('x-ratelimit-limit')).toBe('1000');
  expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
  expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
});

test('when a user is fetched with the plus sign raw or URL-encoded, then both answer the detail with stats', async () => {
  const user = await createAgentUser(app, owner, { tier: 'premium' });
  const raw = await app.http.get(`/api/users/${user.phone_number}/`, auth());
  const encoded = await app.http.get(`/api/users/${encodeURIComponent(user.phone_number)}/`, auth());
  expect(raw.status).toBe(200);
  expect(encoded.body.phone_number).toBe(user.phone_number);
  expect(raw.body).toMatchObject({
    phone_number: user.phone_number,
    tier: 'premium',
    rate_limit_reset: expect.any(String),
    stats: { success_rate: 0, avg_response_time: 0, favorite_categories: [] },
  });
  expect(raw.headers.get('x-ratelimit-limit')).toBe('1000');
});

test('when users are listed with a tier filter and a page size, then the DRF page holds only that tier', async () => {
  const account = await createAccount(app);
  for (const tier of ['free', 'enterprise', 'enterprise', 'enterprise']) await createAgentUser(app, account, { tier });
  const res = await app.http.get('/api/users/?tier=enterprise&page_size=2', { apiKey: account.apiKey });
  expect(res.status).toBe(200);
  expect(res.body.count).toBe(3);
  expect(res.body.results).toHaveLength(2);
  expect(res.body.previous).toBeNull();
  expect(res.body.next).toContain('/api/users/?tier=enterprise&page_size=2&page=2');
  expect(res.body.results.every((u: { tier: string }) => u.tier === 'enterprise')).toBe(true);
  const second = await app.http.get('/api/users/?tier=enterprise&page_size=2&page=2', { apiKey: account.apiKey });
  expect(second.body.results).toHaveLength(1);
  expect(second.body.next).toBeNull();
});

test('when a user is patched and its tier updated, then the changes stick and upgrades are counted', async () => {
  const user = await createAgentUser(app, owner);
  const patched = await app.http.patch(`/api/users/${user.phone_number}/`, { email: 'updated@example.com', preferences: { notifications: false, language: 'es' } }, auth());
  expect(patched.status).toBe(200);
  expect(patched.body).toMatchObject({ email: 'updated@example.com', preferences: { notifications: false, language: 'es' }, tier: 'free' });
  const tier = await app.http.post(`/api/users/${user.phone_number}/update_tier/`, { tier: 'enterprise', reason: 'Upgrade for increased usage' }, auth());
  expect(tier.status).toBe(200);
  expect(tier.body.tier).toBe('enterprise');
  expect((await app.http.get(`/api/users/${user.phone_number}/`, auth())).body.tier).toBe('enterprise');
  const analytics = await app.http.get('/api/analytics/users/', auth());
  expect(analytics.status).toBe(200);
  expect(analytics.body.tier_upgrades).toBeGreaterThanOrEqual(1);
  expect(analytics.body.geographic_distribution.US).toBeGreaterThanOrEqual(1);
});

test('when a user is sent a message, then it goes through the simulated SMS provider', async () => {
  const user = await createAgentUser(app, owner);
  const res = await app.http.post(`/api/users/${user.phone_number}/send_message/`, { message: 'Welcome to premium tier!', message_type: 'notification' }, auth());
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'sent', phone_number: user.phone_number, simulated: true, message_sid: expect.stringMatching(/^SM/) });
});

test('when the input is invalid, then the answer is 400 in seed 002 error envelope with each field named', async () => {
  const res = await app.http.post('/api/users/', { tier: 'gold', timezone: 'Mars/Olympus' }, auth());
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject(expectDrfValidation({}, 'phone_number'));
  expect(Object.keys(res.body.fields)).toEqual(expect.arrayContaining(['phone_number', 'tier', 'timezone']));
  expect(res.body.fields.tier[0]).toBe('Must be one of: free, premium, enterprise');
  const badPhone = await app.http.post('/api/users/', { phone_number: '12345' }, auth());
  expect(badPhone.status).toBe(400);
  expect(badPhone.body.fields.phone_number).toHaveLength(1);
});

test('when the same phone number is created twice in a tenant, then the second is a 400 on phone_number', async () => {
  const user = await createAgentUser(app, owner);
  const again = await app.http.post('/api/users/', { phone_number: user.phone_number }, auth());
  expect(again.status).toBe(400);
  expect(again.body.fields.phone_number).toBeDefined();
  // Another tenant may have the same person as its own user.
  expect((await app.http.post('/api/users/', { phone_number: user.phone_number }, { apiKey: stranger.apiKey })).status).toBe(201);
});

test("when another tenant's user is read, changed or texted, then the answer is 404", async () => {
  const user = await createAgentUser(app, owner);
  const as = { apiKey: stranger.apiKey };
  expect((await app.http.get(`/api/users/${user.phone_number}/`, as)).status).toBe(404);
  expect((await app.http.patch(`/api/users/${user.phone_number}/`, { email: 'x@example.com' }, as)).status).toBe(404);
  expect((await app.http.post(`/api/users/${user.phone_number}/update_tier/`, { tier: 'premium' }, as)).status).toBe(404);
  const texted = await app.http.post(`/api/users/${user.phone_number}/send_message/`, { message: 'hi' }, as);
  expect(texted.status).toBe(404);
  expect(texted.body).toMatchObject({ detail: expect.any(String), request_id: expect.any(String) });
  expect((await app.http.get(`/api/users/${user.phone_number}/`, auth())).body.email).toBeNull();
});

test('when no credentials are sent, then the answer is 401', async () => {
  expect((await app.http.get('/api/users/')).status).toBe(401);
});
