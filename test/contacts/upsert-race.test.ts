import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { createMessagingContact, uniqueContactEmail, uniquePhone } from './fixtures.js';
import { holdContact } from './held-insert.js';

let app: TestApp;
let account: TestAccount;
beforeAll(async () => {
  app = await startTestApp();
});
beforeEach(async () => {
  account = await createAccount(app);
});
afterAll(() => app.close());

const MESSAGING = '/api/messaging/contacts/';
const contactsWithPhone = async (phone: string) =>
  (await app.owner.query(`select id, first_name from contacts where tenant_id = $1 and phone_e164 = $2`, [account.tenantId, phone])).rows;

describe('a create that loses the race for a phone or email', () => {
  test('when another writer commits the same phone while a seed 004 create is inserting, then the create updates that contact (200, upserted)', async () => {
    const phone = uniquePhone();
    const held = await holdContact(app, account.tenantId, { first_name: 'Winner', phone_e164: phone });
    const create = app.http.post(MESSAGING, { first_name: 'Second', phone_e164: phone }, { token: account.token });
    await held.contended();
    await held.commit();
    const res = await create;
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.objectContaining({ id: held.id, name: 'Second', phone_e164: phone, upserted: true }));
    expect(await contactsWithPhone(phone)).toEqual([{ id: held.id, first_name: 'Second' }]);
  });

  test('when another writer commits the same email while a seed 001 create is inserting, then the create is told the email is taken (400)', async () => {
    const email = uniqueContactEmail();
    const held = await holdContact(app, account.tenantId, { first_name: 'Winner', email });
    const create = app.http.post('/api/api/contacts/', { first_name: 'Second', email }, { apiKey: account.apiKey });
    await held.contended();
    await held.commit();
    const res = await create;
    expect(res.status).toBe(400);
    expect(res.body.email).toEqual(['A contact with this email already exists.']);
    const rows = (await app.owner.query(`select id, first_name from contacts where tenant_id = $1 and email_key = $2`, [account.tenantId, email])).rows;
    expect(rows).toEqual([{ id: held.id, first_name: 'Winner' }]);
  });

  test('when another writer commits the email an update of a matched contact sets, then the row is refused as split between two contacts, as it would be had it come second', async () => {
    const phone = uniquePhone();
    const email = uniqueContactEmail();
    const existing = await createMessagingContact(app, account, { first_name: 'Phone Holder', phone_e164: phone });
    const held = await holdContact(app, account.tenantId, { first_name: 'Email Holder', email });
    const create = app.http.post(MESSAGING, { first_name: 'Both', phone_e164: phone, email }, { token: account.token });
    await held.contended();
    await held.commit();
    const res = await create;
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ non_field_errors: [`phone_e164 belongs to contact ${existing.id} and email to contact ${held.id}.`] });
    expect(await contactsWithPhone(phone)).toEqual([{ id: existing.id, first_name: 'Phone Holder' }]);
  });

  test('when another writer commits one phone of a bulk import while it is inserting, then that row updates the contact and the others are created', async () => {
    const [raced, fresh] = [uniquePhone(), uniquePhone()];
    const held = await holdContact(app, account.tenantId, { first_name: 'Winner', phone_e164: raced });
    const bulk = app.http.post(`${MESSAGING}bulk-import/`, { contacts: [{ first_name: 'Fresh', phone_e164: fresh }, { first_name: 'Raced', phone_e164: raced }] }, { token: account.token });
    await held.contended();
    await held.commit();
    const res = await bulk;
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.objectContaining({ total: 2, created: 1, updated: 1, skipped: 0, rejected: 0 }));
    expect(res.body.data.results).toEqual([
      { row: 1, status: 'created', id: expect.any(Number) },
      { row: 2, status: 'updated', id: held.id },
    ]);
    expect(await contactsWithPhone(raced)).toEqual([{ id: held.id, first_name: 'Raced' }]);
  });

  test('when many creates of one new phone arrive at once, then one creates it, the rest update it, and one contact exists', async () => {
    const phone = uniquePhone();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => app.http.post(MESSAGING, { first_name: `Writer ${i}`, phone_e164: phone }, { token: account.token })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.body.data.id));
    expect(ids.size).toBe(1);
    expect((await contactsWithPhone(phone)).map((r) => r.id)).toEqual([...ids]);
  });

  test('when two bulk imports of the same contacts run at once, then every contact is stored once and every row is created or updated', async () => {
    const contacts = Array.from({ length: 300 }, (_, i) => ({ first_name: `P${i}`, phone_e164: uniquePhone(), email: uniqueContactEmail(`p${i}`) }));
    const post = (rows: typeof contacts) => app.http.post(`${MESSAGING}bulk-import/`, { contacts: rows }, { token: account.token });
    const [a, b] = await Promise.all([post(contacts), post([...contacts].reverse())]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.data.created + b.body.data.created).toBe(contacts.length);
    expect(a.body.data.updated + b.body.data.updated).toBe(contacts.length);
    expect(a.body.data.skipped + a.body.data.rejected + b.body.data.skipped + b.body.data.rejected).toBe(0);
    const stored = await app.owner.query(`select count(*)::int as n from contacts where tenant_id = $1`, [account.tenantId]);
    expect(stored.rows[0].n).toBe(contacts.length);
  });
});
