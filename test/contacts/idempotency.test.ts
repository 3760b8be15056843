import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { uniquePhone } from './fixtures.js';

let app: TestApp;
let account: TestAccount;
beforeAll(async () => ({ app, account } = await startTestAppWithAccount()));
afterAll(() => app.close());

const BASE = '/api/messaging/contacts/';
const withKey = (key: string, who = account) => ({ token: who.token, headers: { 'idempotency-key': key } });
// Within this tenant: other files' imports in the same run draw from the same 415 numbers.
const countByPhone = async (phone: string) =>
  (await app.owner.query<{ n: number }>('select count(*)::int as n from contacts where tenant_id = $1 and phone_e164 = $2', [account.tenantId, phone])).rows[0].n;

describe('Idempotency-Key', () => {
  test('when a create is repeated with the same key, then the first answer is replayed with Idempotent-Replayed', async () => {
    const key = `k-${uniquePhone()}`;
    const body = { name: 'Once', phone_e164: uniquePhone() };
    const first = await app.http.post(BASE, body, withKey(key));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    await app.http.put(`${BASE}${first.body.data.id}/`, { name: 'Changed since' }, { token: account.token });
    const again = await app.http.post(BASE, body, withKey(key));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await countByPhone(body.phone_e164)).toBe(1);
  });

  test('when the same key comes with a different body, then 409 and nothing runs', async () => {
    const key = `k-${uniquePhone()}`;
    await app.http.post(BASE, { name: 'A', phone_e164: uniquePhone() }, withKey(key));
    const other = uniquePhone();
    const res = await app.http.post(BASE, { name: 'B', phone_e164: other }, withKey(key));
    expect(res.status).toBe(409);
    expect(res.body.success).toBe(false);
    expect(res.body.message).toMatch(/already used for a different request/);
    expect(await countByPhone(other)).toBe(0);
  });

  test('when concurrent duplicates arrive, then exactly one runs and the others replay or are told to retry', async () => {
    const key = `k-${uniquePhone()}`;
    const body = { contacts: Array.from({ length: 200 }, () => ({ phone_e164: uniquePhone() })) };
    const answers = await Promise.all(Array.from({ length: 6 }, () => app.http.post(`${BASE}bulk-import/`, body, withKey(key))));
    const executed = answers.filter((a) => a.status === 200 && a.headers.get('idempotent-replayed') === null);
    expect(executed).toHaveLength(1);
    for (const a of answers) {
      if (a === executed[0]) continue;
      if (a.status === 409) expect(a.body.message).toMatch(/still being processed/);
      else expect(a.body).toEqual(executed[0].body);
    }
    expect(executed[0].body.data.created).toBe(200);
    expect(await countByPhone(body.contacts[0].phone_e164)).toBe(1);
  });

  test('when a request with a key fails validation, then the key stays free for a corrected retry', async () => {
    const key = `k-${uniquePhone()}`;
    const bad = await app.http.post(BASE, { name: 'Bad', phone_e164: 'x' }, withKey(key));
    expect(bad.status).toBe(400);
    const good = await app.http.post(BASE, { name: 'Good', phone_e164: uniquePhone() }, withKey(key));
    expect(good.status).toBe(201);
  });

  test('when two users use the same key, then each gets their own answer', async () => {
    const key = `shared-${uniquePhone()}`;
    const other = await createAccount(app);
    const a = await app.http.post(BASE, { name: 'A', phone_e164: uniquePhone() }, withKey(key));
    const b = await app.http.post(BASE, { name: 'B', phone_e164: uniquePhone() }, withKey(key, other));
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });

  test('when a stored key is older than 24 hours, then it no longer replays', async () => {
    const key = `k-${uniquePhone()}`;
    const body = { name: 'Expire', phone_e164: uniquePhone() };
    await app.http.post(BASE, body, withKey(key));
    await app.owner.query(`update idempotency_keys set created_at = now() - interval '25 hours' where key = $1`, [key]);
    const res = await app.http.post(BASE, body, withKey(key));
    expect(res.status).toBe(200);
    expect(res.body.data.upserted).toBe(true);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
  });

  test('when a seed 001 create is repeated with the same key, then the 201 is replayed instead of a duplicate-email error', async () => {
    const key = `k-${uniquePhone()}`;
    const body = { first_name: 'Drf', email: `drf-${key}@example.com` };
    const first = await app.http.post('/api/api/contacts/', body, { apiKey: account.apiKey, headers: { 'idempotency-key': key } });
    const again = await app.http.post('/api/api/contacts/', body, { apiKey: account.apiKey, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });
});
