import { sha256 } from '../../src/domain/identity/secrets.js';
import { startTestApp, uniqueEmail, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { countRows, latestEmail, login, sessionCookie, tokenFromLink } from './auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

const NEW_PASSWORD = 'brand-new-passphrase-42';

async function requestReset(account: TestAccount, path = '/api/auth/password-reset/') {
  const res = await app.http.post(path, { email: account.email });
  const mail = await latestEmail(app, account.email, 'password_reset');
  return { res, token: tokenFromLink(mail!.body, 'https://switchboard.test/reset-password') };
}

describe('password change', () => {
  test('when the old password is wrong, then the answer is 400 and the password stays', async () => {
    const account = await createAccount(app);
    const res = await app.http.post('/api/auth/password/change/', { old_password: 'not-it-at-all', new_password: NEW_PASSWORD }, { token: account.token });
    expect(res.status).toBe(400);
    expect(res.body.errors.old_password).toEqual(['Current password is incorrect.']);
    expect((await login(app, { email: account.email, password: account.password })).status).toBe(200);
  });

  test('when the password is changed, then the new one logs in, the old one does not, and other sessions and refresh tokens end', async () => {
    const account = await createAccount(app);
    const other = await login(app, { email: account.email, password: account.password });
    const mine = await login(app, { email: account.email, password: account.password });
    const myCookie = sessionCookie(mine);
    const res = await app.http.post(
      '/api/auth/password/change/',
      { current_password: account.password, new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD },
      { headers: { cookie: myCookie } },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ success: true, access: expect.any(String), refresh: expect.any(String) }));

    expect((await app.http.get('/api/auth/profile/', { headers: { cookie: myCookie } })).status).toBe(200);
    expect((await app.http.get('/api/auth/profile/', { headers: { cookie: sessionCookie(other) } })).status).toBe(401);
    expect((await app.http.post('/api/auth/token/refresh/', { refresh: other.body.refresh })).status).toBe(401);
    expect((await app.http.post('/api/auth/token/refresh/', { refresh: res.body.refresh })).status).toBe(200);
    expect((await login(app, { email: account.email, password: account.password })).status).toBe(401);
    expect((await login(app, { email: account.email, password: NEW_PASSWORD })).status).toBe(200);
  });

  test('when the confirmation differs or the new password is weak, then the answer is 400', async () => {
    const account = await createAccount(app);
    const mismatch = await app.http.post(
      '/api/auth/password/change/',
      { old_password: account.password, new_password: NEW_PASSWORD, new_password_confirm: 'something-else-1' },
      { token: account.token },
    );
    expect(mismatch.status).toBe(400);
    const weak = await app.http.post('/api/auth/password/change/', { old_password: account.password, new_password: 'short' }, { token: account.token });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.new_password).toEqual(['Password must be at least 8 characters.']);
  });
});

describe('password reset', () => {
  test('when the email is unknown, then the answer is identical to a known one and no email is sent', async () => {
    const account = await createAccount(app);
    const known = await app.http.post('/api/auth/password-reset/', { email: account.email });
    const ghost = uniqueEmail('ghost');
    const unknown = await app.http.post('/api/auth/password-reset/', { email: ghost });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.body).toEqual({ success: true, message: 'If the email exists, a password reset link will be sent' });
    expect(unknown.body).toEqual(known.body);
    expect(await countRows(app, 'outbox_emails', 'lower(to_address) = lower($1)', [ghost])).toBe(0);
    expect(await latestEmail(app, account.email, 'password_reset')).toBeDefined();
  });

  test('when the emailed token is used, then the password changes, sessions end, and the token does not work twice', async () => {
    const account = await createAccount(app);
    const before = await login(app, { email: account.email, password: account.password });
    const { token } = await requestReset(account);
    const { rows } = await app.owner.query(`select expires_at - created_at as ttl from one_time_tokens where token_hash = $1`, [sha256(token)]);
    expect(rows[0].ttl).toEqual(expect.objectContaining({ hours: 1 }));

    const ok = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.success).toBe(true);
    expect((await login(app, { email: account.email, password: NEW_PASSWORD })).status).toBe(200);
    expect((await app.http.get('/api/auth/profile/', { headers: { cookie: sessionCookie(before) } })).status).toBe(401);
    expect((await app.http.post('/api/auth/token/refresh/', { refresh: before.body.refresh })).status).toBe(401);

    const again = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: 'another-passphrase-7', confirm_password: 'another-passphrase-7' });
    expect(again.status).toBe(400);
    expect(again.body.errors.token).toEqual(['Invalid or expired token.']);
  });

  test('when seed 004 paths are used, then request and confirm work the same', async () => {
    const account = await createAccount(app);
    const { res, token } = await requestReset(account, '/api/auth/password/reset/');
    expect(res.body.message).toBe('If the email exists, a password reset link will be sent');
    const ok = await app.http.post('/api/auth/password/reset/confirm/', { token, new_password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
  });

  test('when the confirmation mismatches or the password is weak, then 400 and the token still works afterwards', async () => {
    const account = await createAccount(app);
    const { token } = await requestReset(account);
    const mismatch = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: NEW_PASSWORD, confirm_password: 'different-pass-1' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors.confirm_password).toEqual(['Passwords do not match.']);
    const weak = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: '123456789', confirm_password: '123456789' });
    expect(weak.status).toBe(400);
    const ok = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
  });

  test('when the token has expired, then the answer is 400 and the password stays', async () => {
    const account = await createAccount(app);
    const { token } = await requestReset(account);
    await app.owner.query(`update one_time_tokens set expires_at = now() - interval '1 second' where token_hash = $1`, [sha256(token)]);
    const res = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect((await login(app, { email: account.email, password: account.password })).status).toBe(200);
  });
});
