import { startTestApp, uniqueEmail, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { fromIp, freshIp, login } from './auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

describe('login rate limit (5 per hour per IP)', () => {
  test('when one IP makes a sixth login attempt within the hour, then it gets 429 with Retry-After, even with the right password', async () => {
    const account = await createAccount(app);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const res = await login(app, { email: account.email, password: 'wrong-password' }, ip);
      expect(res.status).toBe(401);
    }
    const sixth = await login(app, { email: account.email, password: account.password }, ip);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sixth.body).toEqual(expect.objectContaining({ success: false, error_code: 'RATE_LIMITED', retry_after: expect.any(Number) }));
  });

  test('when another IP logs in while the first is limited, then it is not affected', async () => {
    const account = await createAccount(app);
    const limited = freshIp();
    for (let i = 0; i < 6; i++) await login(app, { email: uniqueEmail('ghost'), password: 'whatever-pass' }, limited);
    expect((await login(app, { email: account.email, password: account.password }, limited)).status).toBe(429);
    expect((await login(app, { email: account.email, password: account.password }, freshIp())).status).toBe(200);
  });

  test('when the seed 002 token endpoint is hammered, then it shares the same budget', async () => {
    const account = await createAccount(app);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await login(app, { email: account.email, password: 'wrong-password' }, ip);
    const res = await app.http.post('/api/auth/token/', { username: account.email, password: account.password }, fromIp(ip));
    expect(res.status).toBe(429);
  });

  test('when the counters are kept, then they are in PostgreSQL so every API replica shares them', async () => {
    const ip = freshIp();
    await login(app, { email: uniqueEmail('ghost'), password: 'whatever-pass' }, ip);
    const { rows } = await app.owner.query<{ points: number }>(`select points from rate_limits where key = $1`, [`login:${ip}`]);
    expect(rows[0].points).toBe(1);
  });
});
