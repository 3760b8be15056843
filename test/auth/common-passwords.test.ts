import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { fromIp, freshIp, latestEmail, login, register, tokenFromLink } from './auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

const TOO_COMMON = 'This password is too common.';

describe('common passwords are refused', () => {
  test('when someone registers with a common password (in any case), then the answer is a 400 on password and no user is written', async () => {
    for (const password of ['password1', 'Qwerty123', 'iloveyou']) {
      const { email, res } = await register(app, { password });
      expect(res.status).toBe(400);
      expect(res.body.errors.password).toEqual([TOO_COMMON]);
      const { rows } = await app.owner.query(`select 1 from users where lower(email) = lower($1)`, [email]);
      expect(rows).toHaveLength(0);
    }
  });

  test('when the password is changed to a common one, then the answer is a 400 and the old password still works', async () => {
    const account = await createAccount(app);
    const res = await app.http.post('/api/auth/password/change/', { old_password: account.password, new_password: 'sunshine' }, { token: account.token });
    expect(res.status).toBe(400);
    expect(res.body.errors.new_password).toEqual([TOO_COMMON]);
    expect((await login(app, { email: account.email, password: account.password })).status).toBe(200);
  });

  test('when a reset sets a common password, then the answer is a 400 and the token still works for a good one', async () => {
    const account = await createAccount(app);
    await app.http.post('/api/auth/password-reset/', { email: account.email }, fromIp(freshIp()));
    const token = tokenFromLink((await latestEmail(app, account.email, 'password_reset'))!.body, 'https://switchboard.test/reset-password');
    const common = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: 'football', confirm_password: 'football' });
    expect(common.status).toBe(400);
    expect(common.body.errors.new_password).toEqual([TOO_COMMON]);
    const good = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: 'uncommon-walrus-ledger-8', confirm_password: 'uncommon-walrus-ledger-8' });
    expect(good.status).toBe(200);
  });
});
