import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { createMessagingContact, uniqueContactEmail, uniquePhone } from './fixtures.js';

let app: TestApp;
let owner: TestAccount;
beforeAll(async () => ({ app, account: owner } = await startTestAppWithAccount()));
afterAll(() => app.close());

const BASE = '/api/messaging/contacts/';
const as = (account: TestAccount) => ({ token: account.token });

describe('seed 004 contacts: create and upsert', () => {
  test('when a contact is created as documented, then 201 answers the documented shape with upserted false', async () => {
    const phone = uniquePhone();
    const res = await app.http.post(BASE, { name: 'Jane Smith', phone_e164: phone, email: 'Jane@Example.com', attributes: { company: 'Acme Corp', department: 'Marketing' }, tags: ['VIP', ' marketing ', 'vip'], is_active: true }, as(owner));
    expect(res.status).toBe(201);
    expect(res.body.success).toBe(true);
    expect(res.body.data).toEqual({
      id: expect.any(Number),
      name: 'Jane Smith',
      phone_e164: phone,
      email: 'jane@example.com',
      is_active: true,
      is_opted_in: false,
      opt_in_at: null,
      opt_out_at: null,
      opt_out_reason: null,
      last_contacted_at: null,
      attributes: { company: 'Acme Corp', department: 'Marketing' },
      tags: ['vip', 'marketing'],
      created_at: expect.any(String),
      updated_at: expect.any(String),
      upserted: false,
    });
  });

  test('when the same phone or email is posted again, then 200 updates that contact with upserted true', async () => {
    const phone = uniquePhone();
    const email = uniqueContactEmail();
    const first = await createMessagingContact(app, owner, { name: 'First', phone_e164: phone, tags: ['a'] });
    await app.http.post(`${BASE}${first.id}/opt-in/`, undefined, as(owner));
    const byPhone = await app.http.post(BASE, { name: 'Renamed', phone_e164: phone, email }, as(owner));
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.data).toEqual(expect.objectContaining({ id: first.id, name: 'Renamed', email, tags: ['a'], is_opted_in: true, upserted: true }));
    const byEmail = await app.http.post(BASE, { email: email.toUpperCase(), tags: ['b'] }, as(owner));
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.data).toEqual(expect.objectContaining({ id: first.id, phone_e164: phone, tags: ['b'], upserted: true }));
  });

  test('when a national number is sent, then it is stored in E.164 using the tenant default region', async () => {
    const account = await createAccount(app);
    await app.owner.query(`update tenants set default_region = 'TZ' where id = $1`, [account.tenantId]);
    const c = await createMessagingContact(app, account, { name: 'Local', phone_e164: '0712 345 678' });
    expect(c.phone_e164).toBe('+255712345678');
  });

  test('when phone, email or attributes are invalid, then 400 with field errors in the seed 004 envelope', async () => {
    const res = await app.http.post(BASE, { name: 'Bad', phone_e164: '+255123456789', email: 'jane@', attributes: { profile: { nested: { deep: true } } } }, as(owner));
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body.message).toBe('Validation failed');
    expect(res.body.errors.phone_e164[0]).toMatch(/^Invalid E.164 format/);
    expect(res.body.errors.email[0]).toMatch(/^Invalid email address/);
    expect(res.body.errors.attributes[0]).toMatch(/nested objects and lists are not allowed/);
  });

  test('when neither phone nor email is given, then 400 says one is needed', async () => {
    const res = await app.http.post(BASE, { name: 'Nobody' }, as(owner));
    expect(res.status).toBe(400);
    expect(res.body.errors.non_field_errors).toEqual(['A contact needs a phone number (phone_e164) or an email.']);
  });
});

describe('seed 004 contacts: read, update, delete, consent', () => {
  test('when a contact is updated, then tags and attributes are replaced and other fields kept', async () => {
    const c = await createMessagingContact(app, owner, { name: 'Upd', phone_e164: uniquePhone(), tags: ['x'], attributes: { a: 1 } });
    const res = await app.http.put(`${BASE}${c.id}/`, { tags: 'Y, z', attributes: { b: true } }, as(owner));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.objectContaining({ name: 'Upd', tags: ['y', 'z'], attributes: { b: true } }));
    expect((await app.http.get(`${BASE}${c.id}/`, as(owner))).body.data.tags).toEqual(['y', 'z']);
  });

  test('when an update takes a phone another contact holds, then 400 names phone_e164', async () => {
    const phone = uniquePhone();
    await createMessagingContact(app, owner, { name: 'Holder', phone_e164: phone });
    const c = await createMessagingContact(app, owner, { name: 'Other', phone_e164: uniquePhone() });
    const res = await app.http.put(`${BASE}${c.id}/`, { phone_e164: phone }, as(owner));
    expect(res.status).toBe(400);
    expect(res.body.errors.phone_e164).toEqual(['A contact with this phone number already exists.']);
  });

  test('when a contact is deleted, then the row stays inactive, reads are 404, and an upsert revives it as new', async () => {
    const phone = uniquePhone();
    const c = await createMessagingContact(app, owner, { name: 'Soft', phone_e164: phone, tags: ['old'] });
    await app.http.post(`${BASE}${c.id}/opt-in/`, undefined, as(owner));
    const del = await app.http.delete(`${BASE}${c.id}/`, as(owner));
    expect(del.status).toBe(200);
    expect(del.body.success).toBe(true);
    const row = (await app.owner.query('select is_active, deleted_at from contacts where id = $1', [c.id])).rows[0];
    expect(row.is_active).toBe(false);
    expect(row.deleted_at).not.toBeNull();
    expect((await app.http.get(`${BASE}${c.id}/`, as(owner))).status).toBe(404);
    expect((await app.http.get(`${BASE}?search=Soft`, as(owner))).body.data.count).toBe(0);
    const revived = await app.http.post(BASE, { name: 'Back', phone_e164: phone }, as(owner));
    expect(revived.status).toBe(201);
    expect(revived.body.data).toEqual(expect.objectContaining({ id: c.id, name: 'Back', tags: [], is_active: true, is_opted_in: false, upserted: false }));
  });

  test('when a contact opts in and out, then the documented answers record when and why', async () => {
    const c = await createMessagingContact(app, owner, { name: 'Consent', phone_e164: uniquePhone() });
    const inRes = await app.http.post(`${BASE}${c.id}/opt-in/`, undefined, as(owner));
    expect(inRes.status).toBe(200);
    expect(inRes.body).toEqual(expect.objectContaining({ success: true, message: 'Contact opted in successfully', data: { id: c.id, is_opted_in: true, opt_in_at: expect.any(String) } }));
    const outRes = await app.http.post(`${BASE}${c.id}/opt-out/`, { reason: 'User requested' }, as(owner));
    expect(outRes.body).toEqual(expect.objectContaining({
      success: true,
      message: 'Contact opted out successfully',
      data: { id: c.id, is_opted_in: false, opt_out_reason: 'User requested', opt_out_at: expect.any(String) },
    }));
    const read = await app.http.get(`${BASE}${c.id}/`, as(owner));
    expect(read.body.data).toEqual(expect.objectContaining({ is_opted_in: false, opt_out_reason: 'User requested' }));
  });

  test("when another tenant's contact is read, changed, opted or deleted, then 404 and nothing changes", async () => {
    const c = await createMessagingContact(app, owner, { name: 'Private', phone_e164: uniquePhone() });
    const stranger = await createAccount(app);
    expect((await app.http.get(`${BASE}${c.id}/`, as(stranger))).status).toBe(404);
    expect((await app.http.put(`${BASE}${c.id}/`, { name: 'Hacked' }, as(stranger))).status).toBe(404);
    expect((await app.http.post(`${BASE}${c.id}/opt-in/`, undefined, as(stranger))).status).toBe(404);
    expect((await app.http.post(`${BASE}${c.id}/opt-out/`, { reason: 'x' }, as(stranger))).status).toBe(404);
    const del = await app.http.delete(`${BASE}${c.id}/`, as(stranger));
    expect(del.status).toBe(404);
    expect(del.body.success).toBe(false);
    const mine = await app.http.get(`${BASE}${c.id}/`, as(owner));
    expect(mine.body.data).toEqual(expect.objectContaining({ name: 'Private', is_opted_in: false, is_active: true }));
  });
});

describe('seed 004 contacts: list', () => {
  let account: TestAccount;
  beforeAll(async () => {
    account = await createAccount(app);
    await createMessagingContact(app, account, { name: 'Alice Vip', phone_e164: '+14155550101', tags: ['vip', 'marketing'] });
    await createMessagingContact(app, account, { name: 'Bob Vip', email: 'bob@shop.example', tags: ['vip'] });
    await createMessagingContact(app, account, { name: 'Carol_100%', phone_e164: '+14155550103', tags: ['marketing'], is_active: false });
    const alice = (await app.http.get(`${BASE}?search=alice`, as(account))).body.data.results[0];
    await app.http.post(`${BASE}${alice.id}/opt-in/`, undefined, as(account));
  });
  const names = async (query: string) => (await app.http.get(`${BASE}${query}`, as(account))).body.data.results.map((c: { name: string }) => c.name).sort();

  test('when the list is asked, then the seed 004 envelope holds results, count, next and previous', async () => {
    const res = await app.http.get(BASE, as(account));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ success: true, data: { results: expect.any(Array), count: 3, next: null, previous: null } }));
  });

  test('when search, status and tag filters are used, then only matching contacts come back', async () => {
    expect(await names('?search=vip')).toEqual(['Alice Vip', 'Bob Vip']);
    expect(await names('?search=shop.example')).toEqual(['Bob Vip']);
    expect(await names('?search=5550103')).toEqual(['Carol_100%']);
    expect(await names('?is_active=false')).toEqual(['Carol_100%']);
    expect(await names('?is_opted_in=true')).toEqual(['Alice Vip']);
    expect(await names('?tag=vip')).toEqual(['Alice Vip', 'Bob Vip']);
    expect(await names('?tag=vip&tag=MARKETING')).toEqual(['Alice Vip']);
    expect(await names('?search=%25')).toEqual(['Carol_100%']);
    expect(await names(`?search=${encodeURIComponent("'; drop table contacts; --")}`)).toEqual([]);
  });

  test('when paged, then next links carry the query and page_size', async () => {
    const res = await app.http.get(`${BASE}?page_size=2&tag=vip`, as(account));
    expect(res.body.data.results).toHaveLength(2);
    expect(res.body.data.next).toBeNull();
    const all = await app.http.get(`${BASE}?page_size=1`, as(account));
    const next = new URL(all.body.data.next);
    expect(next.pathname).toBe('/api/messaging/contacts/');
    expect(next.searchParams.get('page')).toBe('2');
    expect(next.searchParams.get('page_size')).toBe('1');
  });

  test('when page_size is 0 or 10,000, then 400 in the seed 004 envelope', async () => {
    for (const size of ['0', '10000']) {
      const res = await app.http.get(`${BASE}?page_size=${size}`, as(account));
      expect(res.status).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.errors.page_size).toEqual(['page_size must be a whole number between 1 and 1000.']);
    }
  });
});
