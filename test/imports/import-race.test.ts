import { startTestApp, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { holdContact } from '../contacts/held-insert.js';
import { uniqueContactEmail, uniquePhone } from '../contacts/fixtures.js';
import { freshUploader, type UploadClient } from './upload-client.js';

let app: TestApp;
let account: TestAccount;
let client: UploadClient;
beforeAll(async () => (app = await startTestApp()));
beforeEach(async () => ({ account, client } = await freshUploader(app)));
afterAll(() => app.close());

describe('a file import that loses the race for a phone or email', () => {
  test('when another writer commits a phone of the batch while the import inserts it, then that row updates the contact, counted as updated', async () => {
    const [raced, fresh] = [uniquePhone(), uniquePhone()];
    const held = await holdContact(app, account.tenantId, { first_name: 'Winner', phone_e164: raced });
    const { uploadId, complete } = await client.upload(`first_name,phone\nFresh,${fresh}\nRaced,${raced}\n`);
    expect(complete.status).toBe(200);
    await held.contended();
    await held.commit();
    const view = (await client.waitForImport(uploadId)).body;
    expect(view.import.status).toBe('completed');
    expect(view.import.result).toEqual(expect.objectContaining({ created: 1, updated: 1, skipped: 0, rejected: 0, total_rows: 2 }));
    const rows = (await app.owner.query(`select id, first_name from contacts where tenant_id = $1 and phone_e164 = $2`, [account.tenantId, raced])).rows;
    expect(rows).toEqual([{ id: held.id, first_name: 'Raced' }]);
  });

  test('when another writer commits the email an update of a matched contact sets, then the row is rejected as split between two contacts and the rest of the batch is stored', async () => {
    const [phone, other] = [uniquePhone(), uniquePhone()];
    const email = uniqueContactEmail();
    const existing = (await app.owner.query(`insert into contacts (tenant_id, first_name, phone_e164) values ($1, 'Phone Holder', $2) returning id`, [account.tenantId, phone])).rows[0];
    const held = await holdContact(app, account.tenantId, { first_name: 'Email Holder', email });
    const { uploadId, complete } = await client.upload(`first_name,phone,email\nBoth,${phone},${email}\nOther,${other},\n`);
    expect(complete.status).toBe(200);
    await held.contended();
    await held.commit();
    const view = (await client.waitForImport(uploadId)).body;
    expect(view.import.result).toEqual(expect.objectContaining({ created: 1, updated: 0, skipped: 0, rejected: 1, total_rows: 2 }));
    const report = await client.rejected(uploadId);
    expect(report.text).toContain(`2,The phone belongs to contact ${existing.id} and the email to contact ${held.id}.,Both,`);
  });
});
