import { startTestApp, startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { tokenFromLink } from './auth-helpers.js';

describe('the development outbox (no SMTP_URL)', () => {
  let app: TestApp;
  let account: TestAccount;
  beforeAll(async () => ({ app, account } = await startTestAppWithAccount()));
  afterAll(() => app.close());

  test('when a signed-in user asks for a reset, then GET /api/dev/outbox/ shows them the mail as logged, with its link, and the link works', async () => {
    expect((await app.http.post('/api/auth/password-reset/', { email: account.email })).status).toBe(200);
    const res = await app.http.get('/api/dev/outbox/', { token: account.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ count: 1, next: null, previous: null }));
    const [mail] = res.body.results;
    expect(mail).toEqual(expect.objectContaining({ to: account.email, kind: 'password_reset', status: 'logged', attempts: 0, sent_at: null }));
    expect(mail.links).toEqual([expect.stringMatching(/^https:\/\/switchboard\.test\/reset-password\?token=/)]);
    const token = tokenFromLink(mail.links[0], 'https://switchboard.test/reset-password');
    const confirmed = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: 'a-new-passphrase-9', confirm_password: 'a-new-passphrase-9' });
    expect(confirmed.status).toBe(200);
  });

  test('when another user of the same tenant asks, then they see only mail addressed to them', async () => {
    const colleague = await createAccount(app, { tenantId: account.tenantId, role: 'admin' });
    const res = await app.http.get('/api/dev/outbox/', { apiKey: colleague.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([]);
  });

  test('when nobody is signed in, then it is a 401; when the limit is not a number, then a 400 names it', async () => {
    expect((await app.http.get('/api/dev/outbox/')).status).toBe(401);
    const someone = await createAccount(app); // the first test's reset signed its account out everywhere
    const bad = await app.http.get('/api/dev/outbox/?limit=lots', { token: someone.token });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('limit');
  });
});

describe('the development outbox in production', () => {
  test('when NODE_ENV=production, then the route does not exist', async () => {
    const app = await startTestApp({ NODE_ENV: 'production', RAZORPAY_WEBHOOK_SECRET: 'a-production-secret-1' });
    try {
      const account = await createAccount(app);
      expect((await app.http.get('/api/dev/outbox/', { token: account.token })).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
