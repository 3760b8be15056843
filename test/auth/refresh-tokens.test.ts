import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { sha256 } from '../../src/domain/identity/secrets.js';
import { login } from './auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

async function loggedIn() {
  const account = await createAccount(app);
  const res = await login(app, { email: account.email, password: account.password });
  return { account, access: res.body.access as string, refresh: res.body.refresh as string };
}

const refresh = (token: string) => app.http.post('/api/auth/token/refresh/', { refresh: token });

describe('refresh token rotation', () => {
  test('when a refresh token is used, then a new access and a new refresh token come back and the access token works', async () => {
    const { account, refresh: first } = await loggedIn();
    const res = await refresh(first);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ access: expect.any(String), refresh: expect.any(String) }));
    expect(res.body.refresh).not.toBe(first);
    const profile = await app.http.get('/api/auth/profile/', { token: res.body.access });
    expect(profile.body.id).toBe(account.userId);
    const next = await refresh(res.body.refresh);
    expect(next.status).toBe(200);
  });

  test('when an already used refresh token is presented again, then it fails and every token of its family fails too', async () => {
    const { refresh: first } = await loggedIn();
    const second = (await refresh(first)).body.refresh as string;
    const reuse = await refresh(first);
    expect(reuse.status).toBe(401);
    expect(reuse.body.detail).toBe('Token is invalid or expired');
    const descendant = await refresh(second);
    expect(descendant.status).toBe(401);
  });

  test('when the same refresh token is spent twice at once, then one call wins and the family is revoked', async () => {
    const { refresh: token } = await loggedIn();
    const results = await Promise.all([refresh(token), refresh(token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await refresh(winner.body.refresh)).status).toBe(401);
  });

  test('when another login of the same user has its own family, then a reuse in one family leaves the other working', async () => {
    const { account, refresh: first } = await loggedIn();
    const other = await login(app, { email: account.email, password: account.password });
    await refresh(first);
    await refresh(first);
    expect((await refresh(other.body.refresh)).status).toBe(200);
  });

  test('when the refresh token is unknown, expired or missing, then the answer is 401 or 400', async () => {
    expect((await refresh('not-a-real-token')).status).toBe(401);
    const { refresh: token } = await loggedIn();
    await app.owner.query(`update refresh_tokens set expires_at = now() - interval '1 minute' where token_hash = $1`, [sha256(token)]);
    expect((await refresh(token)).status).toBe(401);
    const missing = await app.http.post('/api/auth/token/refresh/', {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors.refresh).toEqual(['This field is required.']);
  });

  test('when a refresh token is posted to logout, then it is revoked', async () => {
    const { refresh: token } = await loggedIn();
    const out = await app.http.post('/api/auth/logout/', { refresh: token });
    expect(out.status).toBe(200);
    expect((await refresh(token)).status).toBe(401);
  });
});
