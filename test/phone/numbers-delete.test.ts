import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { countNumbers, insertNumbers } from './read-fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const BASE = '/api/phone-generator';

describe('GET clear-numbers/', () => {
  test('when cleared, then invalid and non-mobile valid numbers go and valid mobile and pending numbers stay', async () => {
    const a = await createAccount(app);
    const b = await createAccount(app);
    await insertNumbers(app, a, { count: 7, status: 'valid', lineType: 'mobile', carrier: 'AT&T', start: 0 });
    await insertNumbers(app, a, { count: 3, status: 'valid', lineType: 'landline', start: 100 });
    await insertNumbers(app, a, { count: 2, status: 'valid', lineType: 'voip', start: 200 });
    await insertNumbers(app, a, { count: 4, status: 'invalid', start: 300 });
    await insertNumbers(app, a, { count: 5, status: 'pending', start: 400 });
    await insertNumbers(app, a, { count: 6, status: 'invalid', projectId: '9', start: 500 });
    await insertNumbers(app, b, { count: 8, status: 'invalid', start: 0 });

    const scoped = await app.http.get(`${BASE}/clear-numbers/?user_id=${a.userId}&project_id=9`, { apiKey: a.apiKey });
    expect(scoped.body).toEqual({ message: 'Numbers cleared', data: { deleted_invalid: 6, deleted_non_mobile: 0, deleted_count: 6 } });

    const res = await app.http.get(`${BASE}/clear-numbers/?user_id=${a.userId}`, { apiKey: a.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ deleted_invalid: 4, deleted_non_mobile: 5, deleted_count: 9 });
    expect(await countNumbers(app, a.tenantId, `status = 'valid' and line_type = 'mobile'`)).toBe(7);
    expect(await countNumbers(app, a.tenantId, `status = 'pending'`)).toBe(5);
    expect(await countNumbers(app, a.tenantId)).toBe(12);
    expect(await countNumbers(app, b.tenantId)).toBe(8);
  });

  test("when user_id is someone else's, then 403 and nothing is deleted", async () => {
    const a = await createAccount(app);
    await insertNumbers(app, a, { count: 3, status: 'invalid' });
    const res = await app.http.get(`${BASE}/clear-numbers/?user_id=nobody`, { apiKey: a.apiKey });
    expect(res.status).toBe(403);
    expect(await countNumbers(app, a.tenantId)).toBe(3);
  });
});

describe('GET delete-all/', () => {
  test("when a project is named, then only its numbers go; without one, all the tenant's go and no one else's", async () => {
    const a = await createAccount(app);
    const b = await createAccount(app);
    await insertNumbers(app, a, { count: 10, projectId: '5' });
    await insertNumbers(app, a, { count: 4, projectId: '6' });
    await insertNumbers(app, b, { count: 3, projectId: '5' });
    const project = await app.http.get(`${BASE}/delete-all/?user_id=${a.userId}&project_id=5`, { apiKey: a.apiKey });
    expect(project.body).toEqual({ message: 'All numbers deleted', data: { deleted_count: 10 } });
    const rest = await app.http.get(`${BASE}/delete-all/?user_id=${a.userId}`, { apiKey: a.apiKey });
    expect(rest.body.data).toEqual({ deleted_count: 4 });
    expect(await countNumbers(app, a.tenantId)).toBe(0);
    expect(await countNumbers(app, b.tenantId)).toBe(3);
  });
});

describe('POST delete-numbers/', () => {
  const del = (a: TestAccount, body: unknown, userId: string | number = a.userId) =>
    app.http.post(`${BASE}/delete-numbers/?user_id=${userId}`, body, { apiKey: a.apiKey });

  test('when all selected ids are the tenant’s, then exactly those are deleted', async () => {
    const a = await createAccount(app);
    const ids = await insertNumbers(app, a, { count: 5 });
    const res = await del(a, { selectedNumbers: [ids[0], ids[2], String(ids[4]), ids[0]] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'Numbers deleted', data: { deleted_count: 3 } });
    const left = await app.owner.query<{ id: number }>(`select id from phone_numbers where tenant_id = $1 order by id`, [a.tenantId]);
    expect(left.rows.map((r) => r.id)).toEqual([ids[1], ids[3]]);
  });

  test("when one selected id is another tenant's or unknown, then 404 and nothing is deleted anywhere", async () => {
    const a = await createAccount(app);
    const b = await createAccount(app);
    const mine = await insertNumbers(app, a, { count: 3 });
    const theirs = await insertNumbers(app, b, { count: 2 });
    for (const foreign of [theirs[0], 9_000_000_000]) {
      const res = await del(a, { selectedNumbers: [...mine, foreign] });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: 'Errors', errors: { selectedNumbers: ['One or more numbers were not found.'] } });
    }
    expect(await countNumbers(app, a.tenantId)).toBe(3);
    expect(await countNumbers(app, b.tenantId)).toBe(2);
  });

  test('when the selection is empty, malformed or user_id is not the caller, then 400 or 403 and nothing is deleted', async () => {
    const a = await createAccount(app);
    const ids = await insertNumbers(app, a, { count: 2 });
    const empty = await del(a, { selectedNumbers: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.selectedNumbers).toEqual(['This list may not be empty.']);
    const missing = await del(a, {});
    expect(missing.body.errors.selectedNumbers).toEqual(['This field is required.']);
    const junk = await del(a, { selectedNumbers: ['x', -1] });
    expect(junk.status).toBe(400);
    const foreignUser = await del(a, { selectedNumbers: ids }, 'someone-else');
    expect(foreignUser.status).toBe(403);
    expect(await countNumbers(app, a.tenantId)).toBe(2);
  });
});
