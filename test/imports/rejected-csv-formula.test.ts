import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { UploadClient } from './upload-client.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('rejected.csv', () => {
  test('when rejected rows hold text that starts like a formula, then every such cell of the report starts with a single quote', async () => {
    const client = new UploadClient(app.http, (await createAccount(app)).apiKey);
    const csv = [
      'first_name,email,phone',
      '"=HYPERLINK(""http://evil"",""x"")",not-an-email,',
      '@SUM(A1),,12345',
      "+cmd|' /C calc'!A0,,",
      '-2+3,,"\t=1"',
      'Plain,,call me',
    ].join('\n');
    const { uploadId, view } = await client.importFile(csv);
    expect(view.import.result).toEqual(expect.objectContaining({ created: 0, rejected: 5 }));
    const report = await client.rejected(uploadId);
    expect(report.status).toBe(200);
    const rows: string[][] = parse(report.text, { relax_quotes: false });
    expect(rows[0]).toEqual(['row_number', 'reason', 'first_name', 'email', 'phone']);
    expect(rows.slice(1).map((r) => r[2])).toEqual([`'=HYPERLINK("http://evil","x")`, "'@SUM(A1)", "'+cmd|' /C calc'!A0", "'-2+3", 'Plain']);
    expect(rows[4][4]).toBe("'\t=1");
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
