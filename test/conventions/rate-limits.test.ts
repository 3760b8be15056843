import { startTestApp, uniqueEmail, type HttpResult, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { fromIp, freshIp, PASSWORD } from '../auth/auth-helpers.js';

/**
 * Every limiter that can answer 429 is driven over its budget (each budget is 1 here; the anonymous
 * one 2), and each refusal must carry Retry-After; every 401 carries the caller address's budget.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    TRUST_PROXY: 'true',
    RATE_LIMIT_SMS_PER_MINUTE: '1',
    RATE_LIMIT_BULK_PER_MINUTE: '1',
    RATE_LIMIT_CAMPAIGNS_PER_MINUTE: '1',
    RATE_LIMIT_CONTACTS_PER_MINUTE: '1',
    RATE_LIMIT_DEFAULT_PER_HOUR: '1',
    RATE_LIMIT_ANONYMOUS_PER_HOUR: '2',
    LOGIN_ATTEMPTS_PER_HOUR: '1',
    LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR: '1',
    PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: '1',
    PASSWORD_RESETS_PER_EMAIL_PER_HOUR: '1',
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: '1',
    REGISTRATIONS_PER_EMAIL_PER_HOUR: '1',
  });
});
afterAll(() => app.close());

const userBudget = (method: 'get' | 'post', path: string) => async () => {
  const user = await createAccount(app);
  const call = () => (method === 'get' ? app.http.get(path, { token: user.token }) : app.http.post(path, {}, { token: user.token }));
  await call();
  return call();
};

const LIMITERS: [string, () => Promise<HttpResult>][] = [
  ['per-user SMS budget (seed 004)', userBudget('post', '/api/messaging/sms/send/')],
  ['per-user bulk budget', userBudget('post', '/api/messaging/contacts/bulk-import/')],
  ['per-user campaigns budget', userBudget('post', '/api/messaging/campaigns/')],
  ['per-user contacts budget', userBudget('post', '/api/messaging/contacts/')],
  ['per-user hourly default budget (seed 002)', userBudget('get', '/api/messaging/templates/')],
  [
    'sign-in attempts per address',
    async () => {
      const ip = freshIp();
      await app.http.post('/api/auth/login/', { email: uniqueEmail('ghost'), password: 'wrong-password' }, fromIp(ip));
      return app.http.post('/api/auth/login/', { email: uniqueEmail('ghost'), password: 'wrong-password' }, fromIp(ip));
    },
  ],
  [
    'sign-in failures per account',
    async () => {
      const account = await createAccount(app);
      await app.http.post('/api/auth/login/', { email: account.email, password: 'wrong-password' }, fromIp(freshIp()));
      return app.http.post('/api/auth/token/', { username: account.email, password: 'wrong-password' }, fromIp(freshIp()));
    },
  ],
  [
    'password resets per address',
    async () => {
      const ip = freshIp();
      await app.http.post('/api/auth/password-reset/', { email: uniqueEmail('reset') }, fromIp(ip));
      return app.http.post('/api/auth/password/reset/', { email: uniqueEmail('reset') }, fromIp(ip));
    },
  ],
  [
    'password resets per email',
    async () => {
      const email = uniqueEmail('reset');
      await app.http.post('/api/auth/password-reset/', { email }, fromIp(freshIp()));
      return app.http.post('/api/auth/password-reset/', { email }, fromIp(freshIp()));
    },
  ],
  [
    'registrations per address',
    async () => {
      const ip = freshIp();
      const body = () => ({ email: uniqueEmail('reg'), password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace' });
      await app.http.post('/api/auth/register/', body(), fromIp(ip));
      return app.http.post('/api/auth/register/', body(), fromIp(ip));
    },
  ],
  [
    'registrations per email',
    async () => {
      const body = { email: uniqueEmail('reg'), password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace' };
      await app.http.post('/api/auth/register/', body, fromIp(freshIp()));
      return app.http.post('/api/auth/register/', body, fromIp(freshIp()));
    },
  ],
  [
    'unauthenticated requests per address',
    async () => {
      const ip = freshIp();
      await app.http.get('/api/system/stats/', fromIp(ip));
      await app.http.get('/api/messaging/templates/', { headers: { ...fromIp(ip).headers, authorization: 'Bearer not-a-token' } });
      return app.http.get('/api/system/stats/', fromIp(ip));
    },
  ],
];

test('when any limiter refuses, then the 429 carries Retry-After in whole seconds', async () => {
  const seen = [];
  for (const [limiter, overBudget] of LIMITERS) {
    const res = await overBudget();
    seen.push({ limiter, status: res.status, retryAfter: res.headers.get('retry-after'), code: res.headers.get('error-code') });
  }
  expect(seen).toEqual(LIMITERS.map(([limiter]) => ({ limiter, status: 429, retryAfter: expect.stringMatching(/^[1-9]\d*$/), code: 'RATE_LIMITED' })));
});

describe('rate-limit headers on 401 (seed 002: all responses carry them)', () => {
  test('when requests without credentials, with a bad token or with a wrong password are refused, then each 401 carries the address’s budget, counting down', async () => {
    const ip = freshIp();
    const missing = await app.http.get('/api/system/stats/', fromIp(ip));
    const badToken = await app.http.get('/api/agent/users/', { headers: { ...fromIp(ip).headers, authorization: 'Token not-a-key' } });
    expect([missing.status, badToken.status]).toEqual([401, 401]);
    expect([missing, badToken].map((r) => [r.headers.get('x-ratelimit-limit'), r.headers.get('x-ratelimit-remaining')])).toEqual([
      ['2', '1'],
      ['2', '0'],
    ]);
    expect(Number(missing.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(missing.body.detail).toBe('Authentication credentials were not provided.');

    const wrongPassword = await app.http.post('/api/auth/login/', { email: uniqueEmail('ghost'), password: 'wrong-password' }, fromIp(freshIp()));
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.headers.get('x-ratelimit-remaining')).toBe('1');
  });

  test('when another address is refused, then it has its own budget', async () => {
    const res = await app.http.get('/api/system/stats/', fromIp(freshIp()));
    expect([res.status, res.headers.get('x-ratelimit-remaining')]).toEqual([401, '1']);
  });
});
