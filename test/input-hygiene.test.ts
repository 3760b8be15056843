import { randomUUID } from 'node:crypto';
import { startTestAppWithAccount, type TestApp } from './support/harness.js';
import type { TestAccount } from './support/accounts.js';

let app: TestApp;
let account: TestAccount;
beforeAll(async () => ({ app, account } = await startTestAppWithAccount()));
afterAll(() => app.close());

const CONTACTS = '/api/messaging/contacts/';
const post = (path: string, raw: string, headers: Record<string, string> = {}) =>
  app.http.post(path, undefined, { token: account.token, raw, headers: { 'content-type': 'application/json', ...headers } });

describe('unstorable text is refused at the edge, naming the field', () => {
  test('when a JSON string holds a NUL, then the answer is 400 naming that field and nothing is stored', async () => {
    const res = await post(CONTACTS, JSON.stringify({ phone_e164: '+14155550101', first_name: 'Ada\u0000' }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ first_name: [expect.stringContaining('NUL')] });
    expect((await app.http.get(CONTACTS, { token: account.token })).body.data.count).toBe(0);
  });

  test('when a nested JSON value holds a lone surrogate, then the answer is 400 naming its path', async () => {
    const res = await post(CONTACTS, '{"phone_e164":"+14155550102","tags":["ok","\\ud800"]}');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ 'tags.1': [expect.stringContaining('lone surrogate')] });
  });

  test('when a query parameter holds a NUL, then the answer is 400 naming the parameter', async () => {
    const res = await app.http.get(`${CONTACTS}?search=a%00b`, { token: account.token });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ search: [expect.stringContaining('NUL')] });
  });

  test('when a path parameter holds a NUL or is not valid UTF-8, then the answer is 400 naming the path', async () => {
    for (const id of ['1%00', '%ED%A0%80']) {
      const res = await app.http.get(`/api/upload/${id}/`, { apiKey: account.apiKey });
      expect(res.status).toBe(400);
      expect(res.body.path).toEqual([expect.any(String)]);
    }
  });
});

describe('deep nesting', () => {
  test('when a body is nested 10,000 levels deep, also under an Idempotency-Key, then the answer is 400', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    for (const headers of [{}, { 'idempotency-key': `deep-${randomUUID()}` }] as Record<string, string>[]) {
      const res = await post(CONTACTS, deep, headers);
      expect(res.status).toBe(400);
      expect(Object.values(res.body.errors).flat()).toEqual([expect.stringContaining('levels deep')]);
    }
  });
});

describe('Content-Encoding', () => {
  test('when a plain body claims to be gzip, then the answer is 400 naming the body; an unknown encoding stays a 415', async () => {
    const res = await post(CONTACTS, '{"phone_e164":"+14155550103"}', { 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ body: [expect.stringContaining('gzip')] });
    expect((await post(CONTACTS, '{"phone_e164":"+14155550104"}', { 'content-encoding': 'x-unheard-of' })).status).toBe(415);
  });
});

describe('out-of-range dates in filters', () => {
  test.each(['0000-01-01', '-271821-04-20T00:00:00Z', '+275760-09-13'])('when a date filter is %s, then the answer is 400 naming it', async (d) => {
    const q = encodeURIComponent(d);
    const tasks = await app.http.get(`/api/tasks/?created_after=${q}`, { apiKey: account.apiKey });
    expect(tasks.status).toBe(400);
    expect(tasks.body.created_after).toEqual([expect.any(String)]);
    const logs = await app.http.get(`/api/error-logs/?start_date=${q}`, { apiKey: account.apiKey });
    expect(logs.status).toBe(400);
    expect(logs.body.start_date).toEqual([expect.any(String)]);
  });

  test('when the phone list is filtered by 0000-01-01, then the answer is 400 naming date', async () => {
    const res = await app.http.get('/api/phone-generator/list-numbers/?date=0000-01-01', { apiKey: account.apiKey });
    expect(res.status).toBe(400);
    expect(res.body.errors.date).toEqual([expect.any(String)]);
  });
});

describe('prototype keys', () => {
  test('when a body names __proto__, constructor or prototype as keys, then they map to no field and pollute nothing', async () => {
    // JSON.parse makes __proto__ an own key; the body parser already refuses it.
    expect((await post(CONTACTS, '{"phone_e164":"+14155552671","__proto__":{"polluted":true}}')).status).toBe(400);
    const res = await post(
      CONTACTS,
      '{"phone_e164":"+14155552672","first_name":"Ann","constructor":{"prototype":{"polluted":"Polluted"}},"prototype":"Polluted","attributes":{"constructor":"Polluted"}}',
    );
    expect({ status: res.status, text: res.status === 201 ? '' : res.text }).toEqual({ status: 201, text: '' });
    expect(res.body.data.name).toBe('Ann');
    expect(JSON.stringify(res.body.data)).not.toContain('Polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
