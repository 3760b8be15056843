import { startTestApp, startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { usNumber } from '../messaging/support.js';
import { login, sessionCookie } from './auth-helpers.js';

let app: TestApp;
let account: TestAccount;
let cookie: string;

beforeAll(async () => {
  ({ app, account } = await startTestAppWithAccount({ TRUST_PROXY: 'true' }));
  cookie = sessionCookie(await login(app, { email: account.email, password: account.password }));
});
afterAll(() => app.close());

const EVIL = 'https://evil.example';
const CONTACTS = '/api/messaging/contacts/';
const contactsWithPhone = async (phone: string) =>
  (await app.owner.query<{ n: number }>('select count(*)::int as n from contacts where tenant_id = $1 and phone_e164 = $2', [account.tenantId, phone])).rows[0].n;
const createContact = (headers: Record<string, string>, opts: { apiKey?: string } = {}) => {
  const phone = usNumber();
  return { phone, res: app.http.post(CONTACTS, { name: 'Csrf', phone_e164: phone }, { ...opts, headers }) };
};

describe('cross-site requests with the session cookie', () => {
  test.each([
    ['an Origin of another site', { origin: EVIL }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin but a Referer from another site', { referer: `${EVIL}/page.html` }],
    ['Origin: null (a sandboxed frame)', { origin: 'null' }],
  ])('when a cookie-authenticated POST comes with %s, then 403 in the family envelope and nothing is created', async (_, headers) => {
    const { phone, res } = createContact({ cookie, ...headers });
    const answer = await res;
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ success: false, message: expect.stringMatching(/cross-site/i) });
    expect(await contactsWithPhone(phone)).toBe(0);
  });

  test.each([
    ['no Origin and no Sec-Fetch-Site (curl)', {}],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: none (typed by the user)', { 'sec-fetch-site': 'none' }],
  ])('when a cookie-authenticated POST comes with %s, then it is allowed', async (_, headers) => {
    const { phone, res } = createContact({ cookie, ...headers });
    expect((await res).status).toBe(201);
    expect(await contactsWithPhone(phone)).toBe(1);
  });

  test("when a cookie-authenticated POST comes with the deployment's own Origin or Referer, then it is allowed", async () => {
    const own = new URL(app.config.publicBaseUrl).origin;
    expect((await createContact({ cookie, origin: own }).res).status).toBe(201);
    expect((await createContact({ cookie, referer: `${own}/console/` }).res).status).toBe(201);
  });

  test('when a Token client posts from another origin, even with the cookie present, then it is allowed', async () => {
    const withToken = createContact({ cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' }, { apiKey: account.apiKey });
    expect((await withToken.res).status).toBe(201);
    expect(await contactsWithPhone(withToken.phone)).toBe(1);
    const withKeyHeader = createContact({ cookie, origin: EVIL, 'x-api-key': account.apiKey });
    expect((await withKeyHeader.res).status).toBe(201);
  });

  test('when DELETE and PATCH come cross-site with the cookie, then both are refused and the contact is untouched', async () => {
    const created = await app.http.post(CONTACTS, { name: 'Keep me', phone_e164: usNumber() }, { apiKey: account.apiKey });
    const path = `${CONTACTS}${created.body.data.id}/`;
    expect((await app.http.request('PATCH', path, { name: 'Changed' }, { headers: { cookie, origin: EVIL } })).status).toBe(403);
    expect((await app.http.request('DELETE', path, undefined, { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    const now = await app.http.get(path, { apiKey: account.apiKey });
    expect(now.body.data.name).toBe('Keep me');
  });

  test("when seed 000's deleting GETs are reached cross-site with the cookie, then 403 in seed 000's envelope and the numbers stay", async () => {
    await app.owner.query(`insert into phone_numbers (tenant_id, user_id, number, area_code) values ($1, $2, '2015550177', '201')`, [account.tenantId, account.userId]);
    const numbers = async () => (await app.owner.query<{ n: number }>('select count(*)::int as n from phone_numbers where tenant_id = $1', [account.tenantId])).rows[0].n;
    for (const path of ['/api/phone-generator/delete-all/', '/api/phone-generator/clear-numbers/']) {
      const res = await app.http.get(`${path}?user_id=${account.userId}`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ message: 'Errors', errors: { detail: [expect.stringMatching(/cross-site/i)] } });
    }
    expect(await numbers()).toBe(1);
    const sameOrigin = await app.http.get(`/api/phone-generator/delete-all/?user_id=${account.userId}`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(sameOrigin.status).toBe(200);
    expect(await numbers()).toBe(0);
  });

  test('when a cookie-authenticated read comes cross-site, then it is answered (only changes are guarded)', async () => {
    expect((await app.http.get('/api/auth/profile/', { headers: { cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });
});

describe('the session cookie', () => {
  const sessionHeader = async (on: TestApp) => {
    const res = await login(on, { email: account.email, password: account.password });
    expect(res.status).toBe(200);
    return res.headers.getSetCookie().find((c) => c.startsWith('sessionid='))!;
  };

  test('when PUBLIC_BASE_URL is https, then the cookie is HttpOnly, SameSite=Lax and Secure, even behind a proxy that speaks plain http', async () => {
    expect(app.config.publicBaseUrl).toMatch(/^https:/);
    const header = await sessionHeader(app);
    expect(header).toMatch(/; secure/i);
    expect(header).toMatch(/; httponly/i);
    expect(header).toMatch(/; samesite=lax/i);
  });

  test('when PUBLIC_BASE_URL is plain http (local development), then the cookie is HttpOnly and SameSite=Lax, without Secure', async () => {
    const local = await startTestApp({ TRUST_PROXY: 'true', PUBLIC_BASE_URL: 'http://localhost:8000' });
    try {
      const header = await sessionHeader(local);
      expect(header).toMatch(/; httponly/i);
      expect(header).toMatch(/; samesite=lax/i);
      expect(header).not.toMatch(/; secure/i);
    } finally {
      await local.close();
    }
  });
});
