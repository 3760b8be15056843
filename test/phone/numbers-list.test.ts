import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { insertNumbers } from './read-fixtures.js';

let app: TestApp;
let owner: TestAccount;
let stranger: TestAccount;
beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount());
  stranger = await createAccount(app);
  // 120 pending in project 5 (area 415, yesterday), 30 valid mobile in project 7 (area 510), 10 invalid in project 5.
  await insertNumbers(app, owner, { count: 120, projectId: '5', createdAt: '2025-10-03T23:59:59Z' });
  await insertNumbers(app, owner, { count: 30, projectId: '7', areaCode: '510', start: 2000000, status: 'valid', carrier: 'AT&T', lineType: 'mobile', createdAt: '2025-10-04T00:00:00Z' });
  await insertNumbers(app, owner, { count: 10, projectId: '5', start: 9990000, status: 'invalid', createdAt: '2025-10-04T12:00:00Z' });
  await insertNumbers(app, stranger, { count: 40, projectId: '5', status: 'valid', carrier: 'AT&T', lineType: 'mobile' });
});
afterAll(() => app.close());

const BASE = '/api/phone-generator';
const get = (a: TestAccount, path: string) => app.http.get(`${BASE}/${path}`, { apiKey: a.apiKey });
const NUMBER_KEYS = ['id', 'phone_number', 'number', 'national_format', 'area_code', 'status', 'is_valid', 'carrier', 'type', 'project_id', 'validated_at', 'created_at'].sort();

describe('GET list-numbers/', () => {
  test('when the first page is asked, then 50 numbers come back newest first with the pagination block', async () => {
    const res = await get(owner, `list-numbers/?user_id=${owner.userId}`);
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Successful');
    expect(res.body.data.numbers).toHaveLength(50);
    expect(res.body.data.pagination).toEqual({ page_number: 1, count: 160, total_pages: 4, next: 2, previous: null });
    const [first] = res.body.data.numbers;
    expect(Object.keys(first).sort()).toEqual(NUMBER_KEYS);
    expect(first).toEqual(
      expect.objectContaining({ phone_number: '+14159990009', number: '+14159990009', national_format: '(415) 999-0009', area_code: '415', status: 'invalid', is_valid: false, project_id: '5' }),
    );
    const ids = res.body.data.numbers.map((n: { id: number }) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  test('when the last page is asked, then it holds the rest', async () => {
    const res = await get(owner, `list-numbers/?user_id=${owner.userId}&page=4`);
    expect(res.body.data.numbers).toHaveLength(10);
    expect(res.body.data.pagination).toEqual({ page_number: 4, count: 160, total_pages: 4, next: null, previous: 3 });
  });

  test('when a valid number is listed, then it carries carrier, type and is_valid true; a pending one has is_valid null', async () => {
    const valid = await get(owner, `list-numbers/?user_id=${owner.userId}&project_id=7&page_size=1`);
    expect(valid.body.data.numbers[0]).toEqual(expect.objectContaining({ status: 'valid', is_valid: true, carrier: 'AT&T', type: 'Mobile', area_code: '510', project_id: '7' }));
    expect(valid.body.data.numbers[0].validated_at).toEqual(expect.any(String));
    const pending = await get(owner, `list-numbers/?user_id=${owner.userId}&status=pending&page_size=1`);
    expect(pending.body.data.numbers[0]).toEqual(expect.objectContaining({ status: 'pending', is_valid: null, carrier: null, type: null, validated_at: null }));
  });

  test('when search, date and project filters are given, then counts follow them', async () => {
    const count = async (q: string) => (await get(owner, `list-numbers/?user_id=${owner.userId}&${q}`)).body.data.pagination.count;
    expect(await count('project_id=5')).toBe(130);
    expect(await count('search=510')).toBe(30);
    expect(await count(`search=${encodeURIComponent('(415) 555-001')}`)).toBe(10);
    expect(await count('search=5550119')).toBe(1);
    expect(await count('date=2025-10-04')).toBe(40);
    expect(await count('date=2025-10-03&project_id=5')).toBe(120);
    expect(await count('date=2025-10-05')).toBe(0);
  });

  test('when filters are malformed, then 400 names each field', async () => {
    const res = await get(owner, `list-numbers/?user_id=${owner.userId}&date=2025-02-30&search=abc&page_size=1001`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'Errors',
      errors: {
        date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
        search: ['Search must contain digits.'],
        page_size: ['Ensure this value is less than or equal to 1000.'],
      },
    });
  });

  test("when user_id is someone else's, then 403; another tenant never sees these numbers", async () => {
    const forbidden = await get(owner, `list-numbers/?user_id=${stranger.userId}`);
    expect(forbidden.status).toBe(403);
    const theirs = await get(stranger, `list-numbers/?user_id=${stranger.userId}&page_size=100`);
    expect(theirs.body.data.pagination.count).toBe(40);
  });
});

describe('GET get-valid-numbers/', () => {
  test('when asked, then only valid numbers are listed and counted', async () => {
    const res = await get(owner, `get-valid-numbers/?user_id=${owner.userId}&page_size=20`);
    expect(res.status).toBe(200);
    expect(res.body.data.pagination).toEqual({ page_number: 1, count: 30, total_pages: 2, next: 2, previous: null });
    expect(new Set(res.body.data.numbers.map((n: { status: string }) => n.status))).toEqual(new Set(['valid']));
    const project5 = await get(owner, `get-valid-numbers/?user_id=${owner.userId}&project_id=5`);
    expect(project5.body.data.pagination.count).toBe(0);
  });
});
