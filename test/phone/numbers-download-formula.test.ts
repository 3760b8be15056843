import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { insertNumbers } from './read-fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('GET download-numbers/ formula safety', () => {
  test('when a project id or carrier starts like a formula, then its cell starts with a single quote and the E.164 number is left as it is', async () => {
    const owner = await createAccount(app);
    await insertNumbers(app, owner, { count: 1, projectId: '=1+1', status: 'valid', carrier: '@SUM(A1)', lineType: '-mobile', start: 1000 });
    const res = await app.http.get(`/api/phone-generator/download-numbers/?user_id=${owner.userId}&project_id=${encodeURIComponent('=1+1')}`, { apiKey: owner.apiKey });
    expect(res.status).toBe(200);
    const [header, row] = parse(res.text) as string[][];
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell('phone_number'), cell('project_id'), cell('carrier'), cell('type')]).toEqual(['+14150001000', "'=1+1", "'@SUM(A1)", "'-mobile"]);
  });
});
