import { startTestApp, uniqueEmail, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { fromIp, freshIp, login, register } from './auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

const expectRefused = (res: { status: number; headers: Headers; body: any }) => {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body).toEqual(expect.objectContaining({ success: false, error_code: 'RATE_LIMITED', retry_after: expect.any(Number) }));
};

describe('login throttling counts failures', () => {
  test('when six colleagues behind one address sign in, one with a typo, then all of them get in, by login and by the token endpoint', async () => {
    const office = freshIp();
    const colleagues = await Promise.all(Array.from({ length: 6 }, () => createAccount(app)));
    expect((await login(app, { email: colleagues[0].email, password: 'typo-in-password' }, office)).status).toBe(401);
    for (const c of colleagues) {
      expect((await login(app, { email: c.email, password: c.password }, office)).status).toBe(200);
      expect((await app.http.post('/api/auth/token/', { username: c.email, password: c.password }, fromIp(office))).status).toBe(200);
    }
    const { rows } = await app.owner.query<{ points: number }>(`select points from rate_limits where key = $1`, [`login:${office}`]);
    expect(rows[0].points).toBe(1);
  });

  test('when one account is guessed at from many addresses, then it is locked whatever the address, and other accounts are not', async () => {
    const victim = await createAccount(app);
    const bystander = await createAccount(app);
    for (let i = 0; i < 10; i++) expect((await login(app, { email: victim.email, password: `guess-number-${i}` }, freshIp())).status).toBe(401);
    expectRefused(await login(app, { email: victim.email, password: victim.password }, freshIp()));
    expectRefused(await app.http.post('/api/auth/token/', { username: victim.username, password: victim.password }, fromIp(freshIp())));
    expect((await login(app, { email: bystander.email, password: bystander.password }, freshIp())).status).toBe(200);
  });

  test('when an unknown account is guessed at as often, then it is refused the same way, so a refusal tells nothing', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 10; i++) expect((await login(app, { email: ghost, password: `guess-number-${i}` }, freshIp())).status).toBe(401);
    expectRefused(await login(app, { email: ghost, password: 'guess-number-x' }, freshIp()));
  });

  test('when many wrong guesses from one address arrive at once, then no more than the budget is checked', async () => {
    const account = await createAccount(app);
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(app, { email: account.email, password: `parallel-guess-${i}` }, ip)));
    expect(answers.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(7);
  });
});

describe('password reset and registration throttling', () => {
  test('when resets for one email come from many addresses, then the fourth is refused, for known and unknown emails alike', async () => {
    const account = await createAccount(app);
    for (const email of [account.email, uniqueEmail('ghost')]) {
      for (let i = 0; i < 3; i++) expect((await app.http.post('/api/auth/password-reset/', { email }, fromIp(freshIp()))).status).toBe(200);
      expectRefused(await app.http.post('/api/auth/password/reset/', { email }, fromIp(freshIp())));
    }
  });

  test('when one address asks resets for many emails, then the eleventh is refused', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await app.http.post('/api/auth/password-reset/', { email: uniqueEmail('many') }, fromIp(ip))).status).toBe(200);
    expectRefused(await app.http.post('/api/auth/password-reset/', { email: uniqueEmail('many') }, fromIp(ip)));
  });

  test('when one address registers again and again, then the eleventh registration is refused and writes nothing', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await register(app, {}, ip)).res.status).toBe(201);
    const { email, res } = await register(app, {}, ip);
    expectRefused(res);
    const { rows } = await app.owner.query(`select 1 from users where lower(email) = lower($1)`, [email]);
    expect(rows).toHaveLength(0);
  });

  test('when one email is registered again and again from many addresses, then the sixth attempt is refused', async () => {
    const email = uniqueEmail('again');
    expect((await register(app, { email })).res.status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await register(app, { email })).res.status).toBe(400);
    expectRefused((await register(app, { email })).res);
  });
});
