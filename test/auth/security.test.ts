import { SignJWT } from 'jose';
import { startTestApp, uniqueEmail, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { countRows, freshIp, fromIp } from './auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const secretKey = () => new TextEncoder().encode(app.config.jwt.secret!);
// Other test files write users at the same time, so "nothing written" is checked per email, not by totals.
const usersWithEmail = (email: string) => countRows(app, 'users', 'lower(email) = lower($1)', [email]);
const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('bad input on /api/auth/', () => {
  test('when the JSON is malformed, then the answer is a 400 in the auth envelope and no user is written', async () => {
    const email = uniqueEmail('broken');
    const res = await app.http.post('/api/auth/register/', undefined, { raw: `{"email": "${email}", "password": `, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ success: false, detail: 'Malformed request body.' }));
    expect(await usersWithEmail(email)).toBe(0);
  });

  test('when fields have the wrong types, then each is named in a 400 and nothing is written', async () => {
    const email = uniqueEmail('typed');
    const res = await app.http.post('/api/auth/register/', { email: [email], password: 12345678, first_name: { a: 1 } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['email', 'first_name', 'password']);
    expect(res.body.email).toEqual(res.body.errors.email);
    expect(await usersWithEmail(email)).toBe(0);
    const login = await app.http.post('/api/auth/login/', { email: 5, password: null }, fromIp(freshIp()));
    expect(login.status).toBe(400);
  });

  test('when the body is larger than the limit, then the answer is a 413 and nothing is written', async () => {
    const email = uniqueEmail('big');
    const res = await app.http.post('/api/auth/register/', { email, password: 'long-enough-pass', first_name: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual(expect.objectContaining({ success: false, error_code: 'PAYLOAD_TOO_LARGE' }));
    expect(await usersWithEmail(email)).toBe(0);
  });

  test('when the JSON body is not an object, then the answer is a 400', async () => {
    const res = await app.http.post('/api/auth/login/', [1, 2, 3], fromIp(freshIp()));
    expect(res.status).toBe(400);
  });
});

describe('credentials that must fail at once', () => {
  test('when no credential is sent, then protected auth routes answer 401', async () => {
    for (const [method, path] of [
      ['GET', '/api/auth/profile/'],
      ['POST', '/api/auth/password/change/'],
      ['POST', '/api/auth/api-key/generate/'],
      ['GET', '/api/tenants/'],
    ]) {
      const res = await app.http.request(method, path, method === 'POST' ? {} : undefined);
      expect(res.status).toBe(401);
    }
  });

  test('when the JWT has expired, then the answer is 401', async () => {
    const account = await createAccount(app);
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(account.userId))
      .setIssuer('switchboard')
      .setIssuedAt(past)
      .setExpirationTime(past + 60)
      .sign(secretKey());
    const res = await app.http.get('/api/auth/profile/', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Given token not valid or expired.');
  });

  test('when the JWT payload is tampered with (another user id), then the answer is 401', async () => {
    const victim = await createAccount(app);
    const attacker = await createAccount(app);
    const [header, payload, signature] = attacker.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [header, b64({ ...claims, sub: String(victim.userId) }), signature].join('.');
    expect((await app.http.get('/api/auth/profile/', { token: forged })).status).toBe(401);
  });

  test('when the JWT says alg none, or is signed with another key or algorithm, then the answer is 401', async () => {
    const account = await createAccount(app);
    const claims = { typ: 'access', sub: String(account.userId), iss: 'switchboard', iat: Math.floor(Date.now() / 1000), exp: inOneHour() };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    expect((await app.http.get('/api/auth/profile/', { token: none })).status).toBe(401);
    const otherKey = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(48)));
    expect((await app.http.get('/api/auth/profile/', { token: otherKey })).status).toBe(401);
    const otherAlg = await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).sign(secretKey());
    expect((await app.http.get('/api/auth/profile/', { token: otherAlg })).status).toBe(401);
  });

  test('when a refresh token is used as an access token, then the answer is 401', async () => {
    const account = await createAccount(app);
    const login = await app.http.post('/api/auth/login/', { email: account.email, password: account.password }, fromIp(freshIp()));
    expect((await app.http.get('/api/auth/profile/', { token: login.body.refresh })).status).toBe(401);
  });

  test('when a deactivated user presents a valid JWT or API key, then the answer is 401', async () => {
    const account = await createAccount(app);
    await app.owner.query(`update users set is_active = false where id = $1`, [account.userId]);
    expect((await app.http.get('/api/auth/profile/', { token: account.token })).status).toBe(401);
    expect((await app.http.get('/api/auth/profile/', { apiKey: account.apiKey })).status).toBe(401);
  });
});
