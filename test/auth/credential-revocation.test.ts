import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { fromIp, freshIp, latestEmail, login, sessionCookie, tokenFromLink } from './auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

const NEW_PASSWORD = 'revocation-passphrase-93';
const profile = (opts: { token?: string; apiKey?: string; headers?: Record<string, string> }) => app.http.get('/api/auth/profile/', opts);
const status = async (opts: Parameters<typeof profile>[0]) => (await profile(opts)).status;

/** Every kind of credential one user can hold at once. */
async function credentialsOf(account: TestAccount) {
  const signedIn = await login(app, { email: account.email, password: account.password });
  const obtained = await app.http.post('/api/auth/token/', { username: account.email, password: account.password }, fromIp(freshIp()));
  expect(obtained.status).toBe(200);
  return { jwt: signedIn.body.access as string, refresh: signedIn.body.refresh as string, cookie: sessionCookie(signedIn), apiToken: obtained.body.token as string };
}

describe('a password change ends the old credentials', () => {
  test('when the password is changed, then API keys and every access JWT issued before stop at once, and the answer’s new pair works', async () => {
    const account = await createAccount(app);
    const held = await credentialsOf(account);
    expect(await status({ token: held.jwt })).toBe(200);

    const res = await app.http.post('/api/auth/password/change/', { old_password: account.password, new_password: NEW_PASSWORD }, { token: held.jwt });
    expect(res.status).toBe(200);

    // The old JWTs were probably signed in the same second as the change: the epoch still tells them apart.
    expect(await status({ token: held.jwt })).toBe(401);
    expect(await status({ token: account.token })).toBe(401);
    expect(await status({ apiKey: account.apiKey })).toBe(401);
    expect(await status({ headers: { 'x-api-key': account.apiKey } })).toBe(401);
    expect(await status({ apiKey: held.apiToken })).toBe(401);
    expect(await status({ headers: { cookie: held.cookie } })).toBe(401);
    expect((await app.http.post('/api/auth/token/refresh/', { refresh: held.refresh })).status).toBe(401);

    expect(await status({ token: res.body.access })).toBe(200);
    const rotated = await app.http.post('/api/auth/token/refresh/', { refresh: res.body.refresh });
    expect(rotated.status).toBe(200);
    expect(await status({ token: rotated.body.access })).toBe(200);
  });

  test('when the password is changed over the session cookie, then that session keeps working and the other credentials stop', async () => {
    const account = await createAccount(app);
    const held = await credentialsOf(account);
    const mine = sessionCookie(await login(app, { email: account.email, password: account.password }));
    const res = await app.http.post('/api/auth/password/change/', { old_password: account.password, new_password: NEW_PASSWORD }, { headers: { cookie: mine } });
    expect(res.status).toBe(200);
    expect(await status({ headers: { cookie: mine } })).toBe(200);
    expect(await status({ token: held.jwt })).toBe(401);
    expect(await status({ apiKey: held.apiToken })).toBe(401);
  });
});

describe('a password reset ends every credential', () => {
  test('when the password is reset, then sessions, refresh tokens, API keys and access JWTs all stop, and the new password signs in', async () => {
    const account = await createAccount(app);
    const held = await credentialsOf(account);
    await app.http.post('/api/auth/password-reset/', { email: account.email }, fromIp(freshIp()));
    const mail = await latestEmail(app, account.email, 'password_reset');
    const token = tokenFromLink(mail!.body, 'https://switchboard.test/reset-password');
    const reset = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD });
    expect(reset.status).toBe(200);

    expect(await status({ token: held.jwt })).toBe(401);
    expect(await status({ token: account.token })).toBe(401);
    expect(await status({ apiKey: account.apiKey })).toBe(401);
    expect(await status({ apiKey: held.apiToken })).toBe(401);
    expect(await status({ headers: { cookie: held.cookie } })).toBe(401);
    expect((await app.http.post('/api/auth/token/refresh/', { refresh: held.refresh })).status).toBe(401);

    const fresh = await login(app, { email: account.email, password: NEW_PASSWORD });
    expect(fresh.status).toBe(200);
    expect(await status({ token: fresh.body.access })).toBe(200);
  });
});

describe('logout ends the access tokens issued before it', () => {
  test('when a user logs out with a JWT, then that JWT and every other access JWT issued before stop at once; a later login works', async () => {
    const account = await createAccount(app);
    const first = await login(app, { email: account.email, password: account.password });
    const second = await login(app, { email: account.email, password: account.password });
    const out = await app.http.post('/api/auth/logout/', { refresh: first.body.refresh }, { token: first.body.access });
    expect(out.status).toBe(200);
    expect(await status({ token: first.body.access })).toBe(401);
    expect(await status({ token: second.body.access })).toBe(401);
    expect(await status({ token: account.token })).toBe(401);

    const again = await login(app, { email: account.email, password: account.password });
    expect(await status({ token: again.body.access })).toBe(200);
  });

  test('when only the refresh token is posted to logout, then the access token issued with it stops too', async () => {
    const account = await createAccount(app);
    const signedIn = await login(app, { email: account.email, password: account.password });
    expect((await app.http.post('/api/auth/logout/', { refresh: signedIn.body.refresh })).status).toBe(200);
    expect(await status({ token: signedIn.body.access })).toBe(401);
  });
});
