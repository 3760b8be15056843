import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { createMessagingContact, uniquePhone } from './fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const URL_PATH = '/api/messaging/contacts/bulk-import/';
const csvForm = (csv: string, field = 'file') => {
  const form = new FormData();
  form.append(field, new Blob([csv], { type: 'text/csv' }), 'contacts.csv');
  return form;
};

describe('seed 004 bulk import', () => {
  let account: TestAccount;
  beforeEach(async () => {
    account = await createAccount(app);
  });

  test('when JSON rows mix new, existing, repeated and invalid contacts, then each row gets its own result', async () => {
    const existingPhone = uniquePhone();
    const existing = await createMessagingContact(app, account, { name: 'Old Name', phone_e164: existingPhone });
    const fresh = uniquePhone();
    const res = await app.http.post(
      URL_PATH,
      {
        contacts: [
          { name: 'New One', phone_e164: fresh, tags: 'a;b' },
          { name: 'Updated', phone_e164: existingPhone },
          { name: 'Repeat', phone_e164: fresh },
          { name: 'Broken', phone_e164: 'call me', email: 'nope' },
          { name: 'Mail Only', email: 'mail.only@example.com' },
        ],
      },
      { token: account.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    const data = res.body.data;
    expect({ total: data.total, created: data.created, updated: data.updated, skipped: data.skipped, rejected: data.rejected }).toEqual({ total: 5, created: 2, updated: 1, skipped: 1, rejected: 1 });
    expect(data.results[0]).toEqual({ row: 1, status: 'created', id: expect.any(Number) });
    expect(data.results[1]).toEqual({ row: 2, status: 'updated', id: existing.id });
    expect(data.results[2]).toEqual({ row: 3, status: 'skipped', errors: { phone_e164: ['Duplicate of row 1 in this request (same phone_e164).'] } });
    expect(data.results[3].status).toBe('rejected');
    expect(Object.keys(data.results[3].errors).sort()).toEqual(['email', 'phone_e164']);
    expect(data.results[4]).toEqual({ row: 5, status: 'created', id: expect.any(Number) });
    const list = await app.http.get('/api/messaging/contacts/?page_size=50', { token: account.token });
    expect(list.body.data.count).toBe(3);
    expect(list.body.data.results.find((c: { id: number }) => c.id === existing.id).name).toBe('Updated');
  });

  test('when a CSV file is uploaded, then headers are read by name and unknown columns become attributes', async () => {
    const csv = ['Name,Phone,Email,Tags,Department', 'Ann Lee,(415) 555-2671,ANN@EXAMPLE.COM,"vip, Gold",Sales', 'Bo Ek,4155552672,,,', 'Bad Row,123,,,'].join('\n');
    const res = await app.http.request('POST', URL_PATH, undefined, { token: account.token, raw: csvForm(csv) });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.objectContaining({ total: 3, created: 2, rejected: 1 }));
    expect(res.body.data.results[2]).toEqual({ row: 3, status: 'rejected', errors: { phone_e164: [expect.stringMatching(/^Invalid E.164 format/)] } });
    const ann = await app.http.get(`/api/messaging/contacts/${res.body.data.results[0].id}/`, { token: account.token });
    expect(ann.body.data).toEqual(expect.objectContaining({ name: 'Ann Lee', phone_e164: '+14155552671', email: 'ann@example.com', tags: ['vip', 'gold'], attributes: { Department: 'Sales' } }));
  });

  test('when the same CSV is imported twice, then the second run updates instead of duplicating', async () => {
    const csv = `phone_e164,name\n${uniquePhone()},One\n${uniquePhone()},Two\n`;
    const first = await app.http.request('POST', URL_PATH, undefined, { token: account.token, raw: csvForm(csv) });
    const second = await app.http.request('POST', URL_PATH, undefined, { token: account.token, raw: csvForm(csv) });
    expect(first.body.data).toEqual(expect.objectContaining({ created: 2, updated: 0 }));
    expect(second.body.data).toEqual(expect.objectContaining({ created: 0, updated: 2 }));
  });

  test('when more than 10,000 rows are sent, then 413 points to the chunked upload and nothing is stored', async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);
    const res = await app.http.request('POST', URL_PATH, undefined, { token: account.token, raw: csvForm(`phone\n${rows.join('\n')}\n`) });
    expect(res.status).toBe(413);
    expect(res.body.success).toBe(false);
    expect(res.body.message).toMatch(/at most 10000 rows.*\/api\/upload\/init\//);
    expect((await app.http.get('/api/messaging/contacts/', { token: account.token })).body.data.count).toBe(0);
  });

  test('when the body has no rows or the file is in another field, then 400 says how to send them', async () => {
    const empty = await app.http.post(URL_PATH, { something: 1 }, { token: account.token });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.contacts[0]).toMatch(/contacts/);
    const wrongField = await app.http.request('POST', URL_PATH, undefined, { token: account.token, raw: csvForm('phone\n+14155552671\n', 'upload') });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.errors.file[0]).toMatch(/multipart field "file"/);
  });
});
