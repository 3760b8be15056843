import { startTestApp, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { freshUploader, type UploadClient } from './upload-client.js';
import { recordImportHistory } from './import-history.js';

let app: TestApp;
let account: TestAccount;
let client: UploadClient;

beforeAll(async () => (app = await startTestApp()));
beforeEach(async () => ({ account, client } = await freshUploader(app)));
afterAll(() => app.close());

const contactCount = async () => (await app.owner.query<{ n: number }>(`select count(*)::int as n from contacts where tenant_id = $1`, [account.tenantId])).rows[0].n;

async function expectFailed(content: string | Buffer, message: RegExp, totalChunks = 1) {
  const { view } = await client.importFile(content, { totalChunks });
  expect(view.import.status).toBe('failed');
  expect(view.import.error).toMatch(message);
  expect(await contactCount()).toBe(0);
  return view;
}

describe('contact import: files that cannot be imported', () => {
  test('when the file starts with data instead of a header, then the task fails saying the first line is not a usable header', async () => {
    await expectFailed('Ada,Lovelace,ada@example.com\nGrace,Hopper,grace@example.com\n', /first line is not a usable header/);
  });

  test('when the file is separated by semicolons, then the task fails saying so', async () => {
    await expectFailed('first_name;last_name;email\nAda;Lovelace;ada@example.com\n', /separated by semicolons/);
    await recordImportHistory(app, account.tenantId, 'contact-import-failed');
  });

  test('when the header has neither a phone nor an email column, then the task fails naming the columns found', async () => {
    await expectFailed('first_name,last_name,company\nAda,Lovelace,Engines\n', /no phone or email column \(found: "first_name", "last_name", "company"\)/);
  });

  test('when the header has 10,000 columns, then the task fails before reading rows', async () => {
    const header = ['email', ...Array.from({ length: 9_999 }, (_, i) => `c${i}`)].join(',');
    await expectFailed(`${header}\n${'a@example.com' + ','.repeat(9_999)}\n`, /header has 10000 columns; at most 200/);
  });

  test('when the file holds only blank lines, then the task fails saying it is empty', async () => {
    await expectFailed('\n\n\n', /file is empty/);
  });

  test('when a line is longer than the record limit, then the import stops there by the size guard and stores nothing after it', async () => {
    // 3 MB of one unbroken line against the default limit of 64 KiB: refused when the limit is crossed, never buffered whole.
    const line = Buffer.alloc(3 * 1024 * 1024, 'x');
    const file = Buffer.concat([Buffer.from('email,first_name\n'), line, Buffer.from(',y\nada@example.com,Ada\n')]);
    await expectFailed(file, /Row 2 is longer than the limit of 65536 characters/, 3);
  });
});

describe('contact import: awkward but valid files', () => {
  test('when values hold quoted commas, quotes and line breaks, then they are imported intact', async () => {
    const csv = 'first_name,email,company,keywords\n"Mary\nAnn",mary@example.com,"Acme, Inc.","say ""hi"""\nBob,bob@example.com,Plain,\n';
    const { view } = await client.importFile(csv);
    expect(view.import.result).toEqual(expect.objectContaining({ created: 2, rejected: 0, total_rows: 2 }));
    const { rows } = await app.owner.query(`select first_name, company, keywords from contacts where tenant_id = $1 order by email desc`, [account.tenantId]);
    expect(rows).toEqual([
      { first_name: 'Mary\nAnn', company: 'Acme, Inc.', keywords: 'say "hi"' },
      { first_name: 'Bob', company: 'Plain', keywords: null },
    ]);
  });

  test('when the file starts with a UTF-8 byte order mark, then the first header is still recognised', async () => {
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('email,first_name\nzoë@example.com,Zoë\n')]);
    const { view } = await client.importFile(file);
    expect(view.import.result).toEqual(expect.objectContaining({ created: 1, rejected: 0 }));
    const { rows } = await app.owner.query(`select email, first_name from contacts where tenant_id = $1`, [account.tenantId]);
    expect(rows).toEqual([{ email: 'zoë@example.com', first_name: 'Zoë' }]);
  });

  test('when a row holds invalid UTF-8 bytes, then that row is rejected saying so and the others are imported', async () => {
    const file = Buffer.concat([
      Buffer.from('email,first_name\nok@example.com,Ok\nbad@example.com,B'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('d\nalso@example.com,Also\n'),
    ]);
    const { uploadId, view } = await client.importFile(file);
    expect(view.import.result).toEqual(expect.objectContaining({ created: 2, rejected: 1, total_rows: 3 }));
    expect((await client.rejected(uploadId)).text).toMatch(/\n3,"?Column ""?first_name""? is not valid UTF-8 text/);
  });

  test('when a row has more or fewer fields than the header, then it is rejected with the count and its neighbours are imported', async () => {
    const wide = 'c@example.com,' + Array.from({ length: 9_999 }, () => 'z').join(',');
    const csv = `email,first_name\na@example.com,A\nb@example.com\n${wide}\nd@example.com,D\n`;
    const { uploadId, view } = await client.importFile(csv, { totalChunks: 2 });
    expect(view.import.result).toEqual(expect.objectContaining({ created: 2, rejected: 2, total_rows: 4 }));
    const report = (await client.rejected(uploadId)).text;
    expect(report).toContain('3,Wrong number of fields (1) for the header; quote values that contain commas.,b@example.com');
    expect(report).toContain('4,Wrong number of fields (10000) for the header');
  });

  test('when the file has a header and no rows, then the import completes with zero counts', async () => {
    const { view } = await client.importFile('email,first_name\n');
    expect(view.import.status).toBe('completed');
    expect(view.import.result).toEqual(expect.objectContaining({ created: 0, updated: 0, skipped: 0, rejected: 0, total_rows: 0 }));
  });
});
