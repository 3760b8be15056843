import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { createB2bContact } from './fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const XLSX_PREFIX = 'data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,';

async function sheetOf(dataUrl: string): Promise<unknown[][]> {
  expect(dataUrl.startsWith(XLSX_PREFIX)).toBe(true);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(dataUrl.slice(XLSX_PREFIX.length), 'base64') as never);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const downloadsUsed = async (account: TestAccount) =>
  (await app.owner.query<{ n: number }>('select downloads_used as n from users where id = $1', [account.userId])).rows[0].n;

describe('seed 001 export', () => {
  test('when contacts are exported with fields, then an XLSX data URL holds them and the rows are counted', async () => {
    const account = await createAccount(app);
    const a = await createB2bContact(app, account, { first_name: 'Ann', last_name: 'Lee', company: 'Acme', city: 'Oslo', country: 'Norway', employees: 12 });
    const b = await createB2bContact(app, account, { first_name: 'Bo', last_name: 'Ek', company: 'Beta', city: 'Lund', country: 'Sweden' });
    const res = await app.http.post('/api/api/contacts/export/', { contact_ids: [a.id, b.id], fields: ['first_name', 'last_name', 'email', 'company', 'employees'] }, { apiKey: account.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, filename: expect.stringMatching(/^contacts_export_\d+\.xlsx$/), file: expect.any(String) });
    const rows = await sheetOf(res.body.file);
    expect(rows).toEqual([
      ['first_name', 'last_name', 'email', 'company', 'employees'],
      ['Ann', 'Lee', a.email, 'Acme', 12],
      ['Bo', 'Ek', b.email, 'Beta'],
    ]);
    expect(await downloadsUsed(account)).toBe(2);
    const profile = await app.http.get('/api/auth/profile/', { apiKey: account.apiKey });
    expect(profile.body).toEqual(expect.objectContaining({ download_limit: 100, downloads_used: 2 }));
  });

  test('when a cell starts with =, +, - or @, then it is exported as its text in a string cell, never a formula', async () => {
    const account = await createAccount(app);
    const c = await createB2bContact(app, account, { first_name: '=HYPERLINK("http://evil","x")', last_name: '+1+1', title: '-2', company: '@SUM(A1)', city: 'Safe' });
    const res = await app.http.post('/api/api/contacts/export/', { contact_ids: [c.id], fields: ['first_name', 'last_name', 'title', 'company', 'city'] }, { apiKey: account.apiKey });
    const rows = await sheetOf(res.body.file);
    // A string cell is never evaluated, so XLSX needs no leading quote (test/contacts/xlsx-export-cells.test.ts checks the cell types).
    expect(rows[1]).toEqual(['=HYPERLINK("http://evil","x")', '+1+1', '-2', '@SUM(A1)', 'Safe']);
  });

  test("when the ids include another tenant's contact or an unknown id, then 404 and nothing is counted", async () => {
    const account = await createAccount(app);
    const stranger = await createAccount(app);
    const mine = await createB2bContact(app, account, { first_name: 'Mine' });
    const theirs = await createB2bContact(app, stranger, { first_name: 'Theirs' });
    const cross = await app.http.post('/api/api/contacts/export/', { contact_ids: [mine.id, theirs.id] }, { apiKey: account.apiKey });
    expect(cross.status).toBe(404);
    expect(cross.body.detail).toContain(String(theirs.id));
    const unknown = await app.http.post('/api/api/contacts/export/', { contact_ids: [999999999] }, { apiKey: account.apiKey });
    expect(unknown.status).toBe(404);
    expect(await downloadsUsed(account)).toBe(0);
  });

  test('when a field name is unknown or the ids are missing, then 400 names the field', async () => {
    const account = await createAccount(app);
    const c = await createB2bContact(app, account, { first_name: 'X' });
    const bad = await app.http.post('/api/api/contacts/export/', { contact_ids: [c.id], fields: ['first_name', 'password_hash'] }, { apiKey: account.apiKey });
    expect(bad.status).toBe(400);
    // The DRF envelope also has a `fields` key (all field errors), which here holds this field's list.
    expect(bad.text).toMatch(/"fields":\["Unknown field\(s\): password_hash/);
    const none = await app.http.post('/api/api/contacts/export/', { fields: ['first_name'] }, { apiKey: account.apiKey });
    expect(none.status).toBe(400);
    expect(none.body.contact_ids).toBeDefined();
  });

  test('when an export would pass the download limit, then 403 explains it and nothing is counted', async () => {
    const account = await createAccount(app);
    await app.owner.query('update users set download_limit = 3, downloads_used = 2 where id = $1', [account.userId]);
    const a = await createB2bContact(app, account, { first_name: 'A' });
    const b = await createB2bContact(app, account, { first_name: 'B' });
    const refused = await app.http.post('/api/api/contacts/export/', { contact_ids: [a.id, b.id] }, { apiKey: account.apiKey });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Download limit exceeded: this export has 2 contacts but only 1 of your 3 downloads remain.');
    expect(refused.body).toEqual(expect.objectContaining({ code: 'DOWNLOAD_LIMIT_EXCEEDED', remaining: 1, download_limit: 3 }));
    expect(refused.headers.get('error-code')).toBe('DOWNLOAD_LIMIT_EXCEEDED');
    expect(await downloadsUsed(account)).toBe(2);
    const allowed = await app.http.post('/api/api/contacts/export/', { contact_ids: [a.id] }, { apiKey: account.apiKey });
    expect(allowed.status).toBe(200);
    expect(await downloadsUsed(account)).toBe(3);
  });
});
