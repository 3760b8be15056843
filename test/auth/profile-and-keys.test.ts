import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { latestEmail, register, tokenFromLink } from './auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

describe('profile', () => {
  test('when the profile is read, then seed 001 fields are at the top and seed 004 gets them under data', async () => {
    const account = await createAccount(app);
    const res = await app.http.get('/api/auth/profile/', { token: account.token });
    expect(res.status).toBe(200);
    const fields = {
      id: account.userId,
      username: account.username,
      email: account.email,
      name: expect.any(String),
      role: 'user',
      is_active: true,
      download_limit: 100,
      last_login: null,
      date_joined: expect.any(String),
      first_name: 'Test',
      phone_number: null,
      email_verified: true,
      downloads_used: 0,
      active_tenant: { id: account.tenantId, name: expect.any(String), role: 'owner' },
    };
    expect(res.body).toEqual(expect.objectContaining({ ...fields, success: true }));
    expect(res.body.data).toEqual(expect.objectContaining(fields));
  });

  test('when names, phone and username are updated, then the profile shows them (phone in E.164)', async () => {
    const account = await createAccount(app);
    const username = `grace_${account.userId}`;
    const res = await app.http.put('/api/auth/profile/', { name: 'Grace Hopper', phone_number: '(415) 555-2671', username }, { token: account.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.objectContaining({ first_name: 'Grace', last_name: 'Hopper', name: 'Grace Hopper', phone_number: '+14155552671', username }));
    const again = await app.http.get('/api/auth/profile/', { token: account.token });
    expect(again.body.username).toBe(username);
  });

  test('when the update is invalid, then 400 names each bad field and nothing changes', async () => {
    const account = await createAccount(app);
    const other = await createAccount(app);
    const bad = await app.http.put('/api/auth/profile/', { phone_number: 'call me maybe', first_name: 42 }, { token: account.token });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toEqual(['first_name']);
    const phone = await app.http.put('/api/auth/profile/', { phone_number: '12' }, { token: account.token });
    expect(phone.status).toBe(400);
    expect(phone.body.errors.phone_number).toBeDefined();
    const taken = await app.http.put('/api/auth/profile/', { username: other.username }, { token: account.token });
    expect(taken.status).toBe(400);
    expect(taken.body.errors.username).toBeDefined();
    const profile = await app.http.get('/api/auth/profile/', { token: account.token });
    expect(profile.body).toEqual(expect.objectContaining({ first_name: 'Test', phone_number: null, username: account.username }));
  });
});

describe('email verification', () => {
  test('when the token from the registration email is posted, then the email is verified, and the token works once', async () => {
    const { email, res } = await register(app);
    const token = tokenFromLink((await latestEmail(app, email, 'email_verification'))!.body, 'https://switchboard.test/verify-email');
    const ok = await app.http.post('/api/auth/verify-email/', { token });
    expect(ok.status).toBe(200);
    expect(ok.body.success).toBe(true);
    const profile = await app.http.get('/api/auth/profile/', { token: res.body.access });
    expect(profile.body.email_verified).toBe(true);
    expect((await app.http.post('/api/auth/verify-email/', { token })).status).toBe(400);
  });

  test('when a logged-in unverified user asks for a resend, then a new working link is emailed', async () => {
    const { email, res } = await register(app);
    const first = (await latestEmail(app, email, 'email_verification'))!.body;
    const resend = await app.http.post('/api/auth/verify-email/resend/', undefined, { token: res.body.access });
    expect(resend.status).toBe(200);
    const second = (await latestEmail(app, email, 'email_verification'))!.body;
    expect(second).not.toBe(first);
    const ok = await app.http.post('/api/auth/verify-email/', { token: tokenFromLink(second, 'https://switchboard.test/verify-email') });
    expect(ok.status).toBe(200);
  });
});

describe('API keys', () => {
  test('when a key is generated, then it is shown once, stored hashed, and works as a Token credential', async () => {
    const account = await createAccount(app);
    const res = await app.http.post('/api/auth/api-key/generate/', { name: 'ci' }, { token: account.token });
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toEqual({ api_key: data.key, key: expect.stringMatching(/^[0-9a-f]{40}$/), id: expect.any(Number), prefix: data.key.slice(0, 8), name: 'ci', created_at: expect.any(String) });
    const { rows } = await app.owner.query(`select key_hash from api_keys where id = $1`, [data.id]);
    expect(rows[0].key_hash).not.toBe(data.key);
    expect((await app.http.get('/api/auth/profile/', { apiKey: data.key })).body.id).toBe(account.userId);
  });

  test('when a key is revoked by id or by value, then it gets 401 at once and other keys keep working', async () => {
    const account = await createAccount(app);
    const a = (await app.http.post('/api/auth/api-key/generate/', {}, { token: account.token })).body.data;
    const b = (await app.http.post('/api/auth/api-key/generate/', {}, { token: account.token })).body.data;
    expect((await app.http.post('/api/auth/api-key/revoke/', { id: a.id }, { token: account.token })).status).toBe(200);
    const refused = await app.http.get('/api/auth/profile/', { apiKey: a.key });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('Invalid token.');
    expect((await app.http.get('/api/auth/profile/', { apiKey: b.key })).status).toBe(200);
    expect((await app.http.post('/api/auth/api-key/revoke/', { api_key: b.key }, { token: account.token })).status).toBe(200);
    expect((await app.http.get('/api/auth/profile/', { apiKey: b.key })).status).toBe(401);
  });

  test('when revoke is posted without a body, then all of the caller’s keys stop working', async () => {
    const account = await createAccount(app);
    const extra = (await app.http.post('/api/auth/api-key/generate/', {}, { token: account.token })).body.data;
    const res = await app.http.post('/api/auth/api-key/revoke/', undefined, { token: account.token });
    expect(res.body.data.revoked).toBe(2);
    expect((await app.http.get('/api/auth/profile/', { apiKey: account.apiKey })).status).toBe(401);
    expect((await app.http.get('/api/auth/profile/', { apiKey: extra.key })).status).toBe(401);
  });

  test('when a user tries to revoke another user’s key, then it is 404 and the key keeps working', async () => {
    const owner = await createAccount(app);
    const intruder = await createAccount(app);
    const key = (await app.http.post('/api/auth/api-key/generate/', {}, { token: owner.token })).body.data;
    expect((await app.http.post('/api/auth/api-key/revoke/', { id: key.id }, { token: intruder.token })).status).toBe(404);
    expect((await app.http.post('/api/auth/api-key/revoke/', { api_key: key.key }, { token: intruder.token })).status).toBe(404);
    expect((await app.http.get('/api/auth/profile/', { apiKey: key.key })).status).toBe(200);
  });
});
