import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { createB2bContact, uniquePhone } from './fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const XLSX_PREFIX = 'data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,';

async function secondRow(dataUrl: string): Promise<ExcelJS.Cell[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(dataUrl.slice(XLSX_PREFIX.length), 'base64') as never);
  const cells: ExcelJS.Cell[] = [];
  workbook.worksheets[0].getRow(2).eachCell((cell) => cells.push(cell));
  return cells;
}

describe('seed 001 XLSX export cells', () => {
  test('when values start with + - = or @, then they are string cells holding exactly the stored text', async () => {
    const account = await createAccount(app);
    const phone = uniquePhone();
    const values = { first_name: '=HYPERLINK("http://evil","x")', last_name: '-5% off', title: '+1+1', company: '@SUM(A1)', phone_e164: phone };
    const c = await createB2bContact(app, account, values);
    const fields = ['first_name', 'last_name', 'title', 'company', 'phone_e164'];
    const res = await app.http.post('/api/api/contacts/export/', { contact_ids: [c.id], fields }, { apiKey: account.apiKey });
    expect(res.status).toBe(200);
    const cells = await secondRow(res.body.file);
    expect(cells.map((cell) => cell.value)).toEqual([values.first_name, values.last_name, values.title, values.company, phone]);
    for (const cell of cells) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
  });
});
