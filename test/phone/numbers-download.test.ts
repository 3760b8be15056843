import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { insertNumbers } from './read-fixtures.js';

let app: TestApp;
let owner: TestAccount;
let stranger: TestAccount;
beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount());
  stranger = await createAccount(app);
  await insertNumbers(app, owner, { count: 3, projectId: '5', status: 'valid', carrier: 'AT&T Wireless', lineType: 'mobile', start: 1000, createdAt: '2025-10-04T10:00:00Z' });
  await insertNumbers(app, owner, { count: 2, projectId: '5', areaCode: '510', status: 'valid', carrier: 'Verizon', lineType: 'landline', start: 2000 });
  await insertNumbers(app, owner, { count: 4, projectId: '6', status: 'pending', start: 3000 });
  await insertNumbers(app, owner, { count: 1, projectId: '5', status: 'invalid', start: 4000 });
  await insertNumbers(app, stranger, { count: 5, status: 'valid', carrier: 'AT&T', lineType: 'mobile', start: 1000 });
});
afterAll(() => app.close());

const download = (a: TestAccount, query: string) => app.http.get(`/api/phone-generator/download-numbers/?${query}`, { apiKey: a.apiKey });
const HEADER = 'id,phone_number,area_code,status,carrier,type,project_id,validated_at,created_at';
const lines = (text: string) => text.trimEnd().split('\n');

describe('GET download-numbers/', () => {
  test('when no status is given, then every number of every status comes back as a CSV attachment with a header row', async () => {
    const res = await download(owner, `user_id=${owner.userId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="phone_numbers_\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = lines(res.text);
    expect(header).toBe(HEADER);
    expect(rows).toHaveLength(10);
    const first = rows[0].split(',');
    expect(first.slice(1)).toEqual(['+14150001000', '415', 'valid', 'AT&T Wireless', 'Mobile', '5', '2025-10-04 10:00:00+00', '2025-10-04 10:00:00+00']);
  });

  test('when the carrier is written with a bare ampersand as in the seed, then it still filters by AT&T', async () => {
    const res = await download(owner, `user_id=${owner.userId}&carrier=AT&T&code=415`);
    expect(res.status).toBe(200);
    const rows = lines(res.text).slice(1);
    expect(rows.map((r) => r.split(',')[1])).toEqual(['+14150001000', '+14150001001', '+14150001002']);
  });

  test('when carrier and area code narrow it, then only those numbers are in the file', async () => {
    const verizon = await download(owner, `user_id=${owner.userId}&carrier=verizon`);
    expect(lines(verizon.text).slice(1).map((r) => r.split(',')[2])).toEqual(['510', '510']);
    const none = await download(owner, `user_id=${owner.userId}&carrier=${encodeURIComponent('AT&T')}&code=510`);
    expect(lines(none.text)).toEqual([HEADER]);
  });

  test('when status is all or pending, then those numbers are exported too', async () => {
    const all = await download(owner, `user_id=${owner.userId}&status=all`);
    expect(lines(all.text)).toHaveLength(1 + 10);
    const pending = await download(owner, `user_id=${owner.userId}&status=pending&project_id=6`);
    const rows = lines(pending.text).slice(1).map((r) => r.split(','));
    expect(rows).toHaveLength(4);
    expect(rows[0].slice(3, 8)).toEqual(['pending', '', '', '6', '']);
  });

  test("when user_id names someone else or the area code is malformed, then no file: 403 and 400", async () => {
    expect((await download(owner, `user_id=${stranger.userId}`)).status).toBe(403);
    const bad = await download(owner, `user_id=${owner.userId}&code=41`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ message: 'Errors', errors: { code: ['Invalid area code format. Must be 3 digits.'] } });
  });

  test("when another tenant downloads, then only its own numbers are in the file", async () => {
    const res = await download(stranger, `user_id=${stranger.userId}`);
    expect(lines(res.text)).toHaveLength(1 + 5);
  });
});

describe('GET download-numbers/ abandoned', () => {
  test('when the client goes away mid-download, then the COPY stops and its connection is not leaked', async () => {
    const big = await createAccount(app);
    await insertNumbers(app, big, { count: 100_000, status: 'valid', carrier: 'AT&T', lineType: 'mobile' });
    const abort = new AbortController();
    const res = await fetch(`${app.url}/api/phone-generator/download-numbers/?user_id=${big.userId}`, {
      headers: { authorization: `Token ${big.apiKey}` },
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    abort.abort();
    await reader.read().catch(() => undefined);

    const copyStillRunning = async () =>
      (await app.owner.query(`select count(*)::int as n from pg_stat_activity where query like 'copy (select id, number as phone_number%' and pid <> pg_backend_pid()`)).rows[0].n;
    expect(await eventually(copyStillRunning, (n) => n === 0, { timeout: 10_000, what: 'the aborted COPY to end' })).toBe(0);
    const pool = app.owner;
    expect(pool.totalCount - pool.idleCount).toBe(0);
    const again = await app.http.get(`/api/phone-generator/download-numbers/?user_id=${big.userId}&code=999`, { apiKey: big.apiKey });
    expect(again.status).toBe(200);
  });
});
