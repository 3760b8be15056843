import { startTestApp, type HttpResult, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { waitersOn } from '../support/row-gate.js';
import { freshUploader, UploadClient } from './upload-client.js';
import { recordImportHistory } from './import-history.js';
import { holdContactEmail } from './contact-gate.js';

let app: TestApp;
let account: TestAccount;
let client: UploadClient;

beforeAll(async () => (app = await startTestApp()));
beforeEach(async () => ({ account, client } = await freshUploader(app)));
afterAll(() => app.close());

const contactsOf = async (tenantId: number) =>
  (await app.owner.query(`select * from contacts where tenant_id = $1 order by id`, [tenantId])).rows;

describe('contact import', () => {
  test('when a CSV with spreadsheet headers is imported in chunks, then contacts are stored normalised and the task result counts them', async () => {
    const csv = [
      'First Name,Last Name,Email Address,Phone,Company Name,# Employees,Department',
      'Ada,Lovelace,ADA@Example.com,(415) 555-2671,Analytical Engines,12,Research',
      'Grace,Hopper,grace@example.com,+1 212 555 0199,Navy,,',
      'Alan,Turing,,+44 20 7946 0958,Bletchley,3,Codes',
    ].join('\n');
    const { view } = await client.importFile(csv, { totalChunks: 3 });
    expect(view.import.status).toBe('completed');
    expect(view.import.result).toEqual(expect.objectContaining({ created: 3, updated: 0, skipped: 0, rejected: 0, total_rows: 3 }));
    expect(view.import.processed_items).toBe(3);
    // Each batch is inserted in phone order (cheaper for the unique index), so ids follow the phones.
    const rows = await contactsOf(account.tenantId);
    expect(rows.map((r) => [r.first_name, r.last_name, r.email, r.phone_e164, r.company, r.employees])).toEqual([
      ['Grace', 'Hopper', 'grace@example.com', '+12125550199', 'Navy', null],
      ['Ada', 'Lovelace', 'ada@example.com', '+14155552671', 'Analytical Engines', 12],
      ['Alan', 'Turing', null, '+442079460958', 'Bletchley', 3],
    ]);
    expect(rows[1].attributes).toEqual({ Department: 'Research' });
    await recordImportHistory(app, account.tenantId, 'contact-import-completed');
  });

  test('when a file matches existing contacts by phone or email, then they are updated rather than duplicated and blank cells keep stored values', async () => {
    await client.importFile('first_name,email,phone,company\nAda,ada@example.com,+14155552671,Old Co\n');
    const { view } = await client.importFile('email,phone,company,city\nada@example.com,,New Co,London\nbob@example.com,+14155552672,Bob Co,\n');
    expect(view.import.result).toEqual(expect.objectContaining({ created: 1, updated: 1, skipped: 0, rejected: 0, total_rows: 2 }));
    const rows = await contactsOf(account.tenantId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(expect.objectContaining({ first_name: 'Ada', phone_e164: '+14155552671', company: 'New Co', city: 'London' }));
  });

  test('when rows repeat a phone or email, then the first is stored and the others are skipped naming the earlier row', async () => {
    const csv = 'name,email,phone\nA One,a@example.com,+14155550101\nA Two,a@example.com,+14155550102\nA Three,x@example.com,+1 415 555 0101\n';
    const { uploadId, view } = await client.importFile(csv);
    expect(view.import.result).toEqual(expect.objectContaining({ created: 1, skipped: 2, rejected: 0, total_rows: 3 }));
    const report = await client.rejected(uploadId);
    expect(report.status).toBe(200);
    expect(report.text).toContain("3,Duplicate of row 2 in the file (same email).,A Two,a@example.com,'+14155550102");
    expect(report.text).toContain('4,Duplicate of row 2 in the file (same phone_e164).');
  });

  test('when rows carry invalid phones or emails or neither, then they are rejected with reasons in rejected.csv and the valid rows are stored', async () => {
    const csv = [
      'first_name,email,phone',
      'Good,good@example.com,+14155552671',
      'BadPhone,badphone@example.com,12345',
      'BadEmail,not-an-email,+14155552672',
      'Nobody,,',
      'Words,,call me maybe',
    ].join('\r\n');
    const { uploadId, view } = await client.importFile(csv);
    expect(view.import.result).toEqual(expect.objectContaining({ created: 1, rejected: 4, skipped: 0, total_rows: 5 }));
    expect(view.import.result.rejected_rows_url).toBe(`/api/upload/${uploadId}/rejected.csv`);
    const report = await client.rejected(uploadId);
    expect(report.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = report.text.trim().split('\n');
    expect(lines[0]).toBe('row_number,reason,first_name,email,phone');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^3,"?phone_e164: Invalid E\.164 format.*,BadPhone,badphone@example\.com,12345$/);
    expect(lines[2]).toMatch(/^4,"?email: Invalid email address.*,BadEmail,not-an-email,'\+14155552672$/);
    expect(lines[3]).toMatch(/^5,A contact needs a phone number/);
    expect(lines[4]).toMatch(/^6,"?phone_e164: Invalid E\.164 format/);
    expect((await contactsOf(account.tenantId)).map((r) => r.email)).toEqual(['good@example.com']);
  });

  test('when another tenant asks for the upload’s report or status, then the answer is 404', async () => {
    const { uploadId } = await client.importFile('email\na@example.com\n');
    const stranger = new UploadClient(app.http, (await createAccount(app)).apiKey);
    expect((await stranger.rejected(uploadId)).status).toBe(404);
    expect((await stranger.status(uploadId)).status).toBe(404);
  });
});

describe('contact import: cancel', () => {
  let slow: TestApp;
  beforeAll(async () => {
    // Batches of 20 rows turn a small file into hundreds of commits.
    process.env.IMPORT_BATCH_ROWS = '20';
    try {
      slow = await startTestApp();
    } finally {
      delete process.env.IMPORT_BATCH_ROWS;
    }
  });
  afterAll(() => slow.close());

  test('when the import is cancelled, then it stops before its next batch and the task ends cancelled with the counts so far', async () => {
    const c = new UploadClient(slow.http, account.apiKey);
    const rows = Array.from({ length: 10_000 }, (_, i) => `Person ${i},p${i}@example.com`);
    // The import is held in its batch storing row 100, and the cancel queued behind that batch (which
    // holds the import's batch lock) before the batch is let go: the cancel lands before the next one.
    const gate = await holdContactEmail(slow, account.tenantId, 'p100@example.com');
    let cancel: HttpResult;
    let uploadId: string;
    let complete: HttpResult;
    try {
      ({ uploadId, complete } = await c.upload(['name,email', ...rows].join('\n'), { totalChunks: 2 }));
      const held = await gate.reached();
      const cancelling = c.cancel(uploadId);
      await waitersOn(slow.owner, held, '%as cancel_lock%', { what: 'the cancel to queue behind the held batch' });
      await gate.release();
      cancel = await cancelling;
    } finally {
      await gate.release();
    }
    expect(cancel.status).toBe(200);
    expect(cancel.body).toEqual({ success: true, message: 'Import cancelled', task_id: complete.body.task_id, status: 'cancelled' });
    const view = (await c.waitForImport(uploadId)).body;
    expect(view.import.status).toBe('cancelled');
    const result = view.import.result;
    expect(result.total_rows).toBe(120);
    expect(result.created + result.updated + result.skipped + result.rejected).toBe(result.total_rows);
    const stored = await contactsOf(account.tenantId);
    expect(stored).toHaveLength(result.created);
    expect((await c.cancel(uploadId)).status).toBe(400);
    await recordImportHistory(slow, account.tenantId, 'contact-import-cancelled');
  });
});
