import { startTestApp, uniqueEmail, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { PASSWORD, countRows, freshIp, fromIp, latestEmail, login, register, sessionCookie } from './auth-helpers.js';
import { waitersOn } from '../support/row-gate.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

describe('registration', () => {
  test('when a new user registers, then they get a user, a JWT pair and a tenant they own and work in', async () => {
    const { email, res } = await register(app, { tenant_name: 'Acme Messaging' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        success: true,
        message: expect.any(String),
        access: expect.any(String),
        refresh: expect.any(String),
        user: expect.objectContaining({ email, username: email, name: 'Ada Lovelace', first_name: 'Ada', last_name: 'Lovelace', email_verified: false }),
      }),
    );
    const { data } = res.body;
    expect(data.tokens).toEqual({ access: res.body.access, refresh: res.body.refresh });
    expect(data.tenant).toEqual(expect.objectContaining({ name: 'Acme Messaging', slug: expect.stringMatching(/^acme-messaging/), role: 'owner', is_active: true }));
    expect(data.user.active_tenant).toEqual({ id: data.tenant.id, name: 'Acme Messaging', role: 'owner' });

    const profile = await app.http.get('/api/auth/profile/', { token: res.body.access });
    expect(profile.status).toBe(200);
    expect(profile.body.active_tenant.id).toBe(data.tenant.id);
  });

  test('when a user registers with a single name, then it is split into first and last name', async () => {
    const { res } = await register(app, { first_name: undefined, last_name: undefined, name: 'Grace Brewster Hopper' });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual(expect.objectContaining({ first_name: 'Grace', last_name: 'Brewster Hopper', name: 'Grace Brewster Hopper' }));
  });

  test('when a user registers, then a verification email with a link is in the outbox', async () => {
    const { email } = await register(app);
    const mail = await latestEmail(app, email, 'email_verification');
    expect(mail?.body).toContain('https://switchboard.test/verify-email?token=');
  });

  test('when the email is already registered (in any case), then the answer is a 400 on email and nothing is written', async () => {
    const { email } = await register(app);
    const again = await register(app, { email: email.toUpperCase() });
    expect(again.res.status).toBe(400);
    expect(again.res.body.success).toBe(false);
    expect(again.res.body.errors.email).toEqual(['A user with this email already exists.']);
    expect(await countRows(app, 'users', 'lower(email) = lower($1)', [email])).toBe(1);
  });

  test('when two sign-ups race for one email, then exactly one wins and the other gets the 400, never a 500', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all([register(app, { email }), register(app, { email }), register(app, { email })]);
    const statuses = results.map((r) => r.res.status).sort();
    expect(statuses).toEqual([201, 400, 400]);
    expect(await countRows(app, 'users', 'lower(email) = lower($1)', [email])).toBe(1);
  });

  test.each([
    ['email', (email: string, name: string) => ({ email, username: `held-${name}` }), (email: string, name: string) => ({ email: email.toUpperCase(), username: name })],
    ['username', (email: string, name: string) => ({ email: `held-${email}`, username: name.toUpperCase() }), (email: string, name: string) => ({ email, username: name })],
  ])('when a sign-up loses the race for its %s to one not yet committed, then the unique index names the field in a 400', async (field, held, signUp) => {
    const email = uniqueEmail('held');
    const name = `racer-${email.split('@')[0]}`;
    const other = await app.owner.connect();
    try {
      await other.query('begin');
      const h = held(email, name);
      const { rows } = await other.query(`insert into users (email, username, password_hash) values ($1, $2, 'x') returning pg_backend_pid() as pid`, [h.email, h.username]);
      const answer = register(app, signUp(email, name));
      await waitersOn(app.owner, [rows[0].pid], '%', { what: 'the sign-up waiting on the uncommitted user' });
      await other.query('commit');
      const { res } = await answer;
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual({ [field]: [`A user with this ${field} already exists.`] });
    } finally {
      other.release();
    }
  });

  test('when the password is weak or the email malformed, then the answer is a 400 naming the fields', async () => {
    const weak = await register(app, { password: '12345678' });
    expect(weak.res.status).toBe(400);
    expect(weak.res.body.errors.password).toBeDefined();
    const bad = await register(app, { email: 'not-an-email' });
    expect(bad.res.status).toBe(400);
    expect(bad.res.body.errors.email).toEqual(['Enter a valid email address.']);
  });
});

describe('login', () => {
  test('when the credentials are right, then the answer satisfies seed 001 and seed 004 and sets the session cookie', async () => {
    const account = await createAccount(app);
    const res = await login(app, { email: account.email, password: account.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ success: true, message: 'Login successful', access: expect.any(String), refresh: expect.any(String) }));
    expect(res.body.user).toEqual(
      expect.objectContaining({ id: account.userId, username: account.username, email: account.email, name: expect.any(String), role: 'user', is_active: true, download_limit: 100 }),
    );
    expect(res.body.tokens).toEqual({ access: res.body.access, refresh: res.body.refresh });
    expect(res.body.data).toEqual({ user: res.body.user, access: res.body.access, refresh: res.body.refresh, tokens: res.body.tokens });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sessionid='))!;
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);
    expect(res.body.user.last_login).toEqual(expect.any(String));
  });

  test('when the user logs in by username, then it works as by email', async () => {
    const { email } = await register(app, { username: `ada_${Date.now().toString(36)}` });
    const { rows } = await app.owner.query<{ username: string }>(`select username from users where email = $1`, [email]);
    const res = await login(app, { username: rows[0].username, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(email);
  });

  test('when the password is wrong or the email unknown, then both answers are the same 401', async () => {
    const account = await createAccount(app);
    const wrong = await login(app, { email: account.email, password: 'not-the-password' });
    const unknown = await login(app, { email: uniqueEmail('ghost'), password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, timestamp: undefined, request_id: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body).toEqual(expect.objectContaining({ success: false, detail: 'Invalid credentials.' }));
  });

  test('when the access token from login is used, then it authenticates as that user', async () => {
    const account = await createAccount(app);
    const res = await login(app, { email: account.email, password: account.password });
    const profile = await app.http.get('/api/auth/profile/', { token: res.body.access });
    expect(profile.status).toBe(200);
    expect(profile.body.id).toBe(account.userId);
  });
});

describe('seed 002 token endpoint', () => {
  test('when username and password are right, then a Token credential comes back and works', async () => {
    const account = await createAccount(app);
    const res = await app.http.post('/api/auth/token/', { username: account.email, password: account.password }, fromIp(freshIp()));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ token: expect.stringMatching(/^[0-9a-f]{40}$/), user_id: account.userId, username: account.username });
    const profile = await app.http.get('/api/auth/profile/', { apiKey: res.body.token });
    expect(profile.status).toBe(200);
    expect(profile.body.id).toBe(account.userId);
  });

  test('when the credentials are wrong, then the answer is a DRF 400 with non_field_errors', async () => {
    const account = await createAccount(app);
    const res = await app.http.post('/api/auth/token/', { username: account.email, password: 'wrong-password' }, fromIp(freshIp()));
    expect(res.status).toBe(400);
    expect(res.body.non_field_errors).toEqual(['Unable to log in with provided credentials.']);
  });
});

describe('session cookie (seed 001)', () => {
  test('when the login cookie is sent, then the profile answers; after logout the same cookie is refused', async () => {
    const account = await createAccount(app);
    const res = await login(app, { email: account.email, password: account.password });
    const cookie = sessionCookie(res);
    const profile = await app.http.get('/api/auth/profile/', { headers: { cookie } });
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual(
      expect.objectContaining({ id: account.userId, username: account.username, email: account.email, last_login: expect.any(String), date_joined: expect.any(String) }),
    );
    const out = await app.http.post('/api/auth/logout/', undefined, { headers: { cookie } });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ success: true, message: 'Logout successful' });
    expect(out.headers.getSetCookie().some((c) => c.startsWith('sessionid=;'))).toBe(true);
    const after = await app.http.get('/api/auth/profile/', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.body.detail).toBe('Authentication credentials were not provided.');
  });
});
