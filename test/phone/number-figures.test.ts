import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { insertNumbers } from './read-fixtures.js';
import { post, waitForTask } from './generation-support.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const BASE = '/api/phone-generator';

/** Every non-zero group of a table of figures, as `key → n`. */
async function groups(sql: string, tenantId: number): Promise<Record<string, number>> {
  const { rows } = await app.owner.query<{ k: string; n: number }>(sql, [tenantId]);
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

const TALLY_KEY = `concat_ws('|', project_id, status, area_code, coalesce(carrier, '∅'), coalesce(line_type, '∅'), created_on)`;
const BLOCK_KEY = `concat_ws('|', project_id, status, block)`;
const NUMBER_COLUMNS = `project_id, status, area_code, carrier, line_type, (created_at at time zone 'UTC')::date as created_on, id >> 12 as block`;

/** The tallies and id blocks of the tenant equal a count(*) of its numbers, group by group. */
async function expectFiguresMatchRows(tenantId: number) {
  const counted = `(select ${NUMBER_COLUMNS} from phone_numbers where tenant_id = $1) p`;
  expect(await groups(`select ${TALLY_KEY} as k, sum(n)::int as n from phone_number_tallies where tenant_id = $1 group by 1 having sum(n) <> 0`, tenantId)).toEqual(
    await groups(`select ${TALLY_KEY} as k, count(*)::int as n from ${counted} group by 1`, tenantId),
  );
  expect(await groups(`select ${BLOCK_KEY} as k, sum(n)::int as n from phone_number_id_blocks where tenant_id = $1 group by 1 having sum(n) <> 0`, tenantId)).toEqual(
    await groups(`select ${BLOCK_KEY} as k, count(*)::int as n from ${counted} group by 1`, tenantId),
  );
}

/** A generation, and the validation `auto_validate` chains after it: both have committed every batch. */
async function generate(a: TestAccount, body: Record<string, unknown>) {
  const res = await post(app, a, '/generate-numbers-config/', body);
  expect(res.status).toBe(202);
  const generation = await waitForTask(app, res.body.data.task_id);
  const validationTaskId = (generation.result as { validation_task_id: string | null }).validation_task_id;
  expect(validationTaskId === null).toBe(!body.auto_validate);
  if (validationTaskId) await waitForTask(app, validationTaskId);
  return generation;
}

describe('phone_number_tallies and phone_number_id_blocks', () => {
  test('when numbers are generated, validated, moved, cleared and deleted, then the figures equal a count of the rows after every step', async () => {
    const a = await createAccount(app);
    const neighbour = await createAccount(app);
    await insertNumbers(app, neighbour, { count: 40, status: 'valid', carrier: 'AT&T', lineType: 'mobile' });

    await generate(a, { project_id: 'p1', area_code: '415', quantity: 250, batch_size: 100, auto_validate: true });
    await expectFiguresMatchRows(a.tenantId);
    await generate(a, { project_id: 'p2', area_code: '212', quantity: 120, batch_size: 100, auto_validate: false });
    await insertNumbers(app, a, { count: 30, projectId: 'p2', status: 'invalid', start: 100, areaCode: '650', createdAt: '2026-01-02T23:30:00Z' });
    await expectFiguresMatchRows(a.tenantId);

    const validate = await post(app, a, '/validate-numbers-enhanced/', { project_id: 'p2', batch_size: 100 });
    expect(validate.status).toBe(202);
    await waitForTask(app, validate.body.data.task_id);
    await expectFiguresMatchRows(a.tenantId);

    await app.owner.query(`update phone_numbers set project_id = 'p3' where tenant_id = $1 and project_id = 'p2' and area_code = '650'`, [a.tenantId]);
    await expectFiguresMatchRows(a.tenantId);

    const { rows: some } = await app.owner.query<{ id: number }>(`select id from phone_numbers where tenant_id = $1 order by id limit 7`, [a.tenantId]);
    const selected = await app.http.post(`${BASE}/delete-numbers/?user_id=${a.userId}`, { selectedNumbers: some.map((r) => r.id) }, { apiKey: a.apiKey });
    expect(selected.body.data).toEqual({ deleted_count: 7 });
    await expectFiguresMatchRows(a.tenantId);

    const cleared = await app.http.get(`${BASE}/clear-numbers/?user_id=${a.userId}&project_id=p1`, { apiKey: a.apiKey });
    expect(cleared.status).toBe(200);
    await expectFiguresMatchRows(a.tenantId);

    const stats = await app.http.get(`${BASE}/statistics/?user_id=${a.userId}`, { apiKey: a.apiKey });
    const { rows: [{ n }] } = await app.owner.query<{ n: number }>(`select count(*)::int as n from phone_numbers where tenant_id = $1`, [a.tenantId]);
    expect(stats.body.data.total_numbers).toBe(n);

    const all = await app.http.get(`${BASE}/delete-all/?user_id=${a.userId}&project_id=p3`, { apiKey: a.apiKey });
    expect(all.body.data).toEqual({ deleted_count: 30 });
    await expectFiguresMatchRows(a.tenantId);
    await expectFiguresMatchRows(neighbour.tenantId);
  });

  test("when a user is deleted, then the numbers they generated go with them, and when a tenant is deleted, all its numbers and figures go", async () => {
    const owner = await createAccount(app);
    const member = await createAccount(app, { role: 'member', tenantId: owner.tenantId });
    await insertNumbers(app, owner, { count: 12, status: 'valid', carrier: 'Verizon', lineType: 'mobile' });
    await insertNumbers(app, member, { count: 5, start: 900 });

    await app.owner.query(`delete from users where id = $1`, [member.userId]);
    const { rows: left } = await app.owner.query<{ n: number }>(`select count(*)::int as n from phone_numbers where tenant_id = $1`, [owner.tenantId]);
    expect(left[0].n).toBe(12);
    await expectFiguresMatchRows(owner.tenantId);

    await app.owner.query(`delete from tenants where id = $1`, [owner.tenantId]);
    const { rows: gone } = await app.owner.query<{ numbers: number; tallies: number; blocks: number }>(
      `select (select count(*)::int from phone_numbers where tenant_id = $1) as numbers,
              (select count(*)::int from phone_number_tallies where tenant_id = $1) as tallies,
              (select count(*)::int from phone_number_id_blocks where tenant_id = $1) as blocks`,
      [owner.tenantId],
    );
    expect(gone[0]).toEqual({ numbers: 0, tallies: 0, blocks: 0 });
  });
});

describe('list-numbers deep pages (placed by phone_number_id_blocks)', () => {
  test('when a page lies past 20,000 rows, then it holds the same numbers as OFFSET over the newest-first order, with and without filters', async () => {
    const a = await createAccount(app);
    const neighbour = await createAccount(app);
    await insertNumbers(app, a, { count: 9_000, projectId: '5', status: 'valid', carrier: 'AT&T', lineType: 'mobile', start: 0 });
    await insertNumbers(app, neighbour, { count: 5_000, start: 0 });
    await insertNumbers(app, a, { count: 9_000, projectId: '6', status: 'pending', start: 10_000 });
    await insertNumbers(app, a, { count: 9_000, projectId: '5', status: 'invalid', start: 20_000 });
    const { rows: gone } = await app.owner.query<{ id: number }>(`delete from phone_numbers where tenant_id = $1 and id % 7 = 0 returning id`, [a.tenantId]);
    expect(gone.length).toBeGreaterThan(0);

    const cases: { query: string; where: string }[] = [
      { query: '', where: 'true' },
      { query: '&project_id=5', where: `project_id = '5'` },
      { query: '&status=valid', where: `status = 'valid'` },
    ];
    for (const c of cases) {
      const { rows: truth } = await app.owner.query<{ id: number; n: number }>(
        `select id, count(*) over ()::int as n from phone_numbers where tenant_id = $1 and ${c.where} order by id desc`,
        [a.tenantId],
      );
      const pageSize = 1000;
      for (const page of [11, 21, Math.ceil(truth.length / pageSize)]) {
        const res = await app.http.get(`${BASE}/list-numbers/?user_id=${a.userId}${c.query}&page=${page}&page_size=${pageSize}`, { apiKey: a.apiKey });
        expect(res.status).toBe(200);
        const want = truth.slice((page - 1) * pageSize, page * pageSize).map((r) => r.id);
        expect({ page, query: c.query, ids: res.body.data.numbers.map((x: { id: number }) => x.id) }).toEqual({ page, query: c.query, ids: want });
        expect(res.body.data.pagination.count).toBe(truth.length);
      }
    }
    const past = await app.http.get(`${BASE}/list-numbers/?user_id=${a.userId}&page=100&page_size=1000`, { apiKey: a.apiKey });
    expect(past.body.data.numbers).toEqual([]);
  });
});

describe('list-numbers digit search', () => {
  test("when a search page lies past its matches, then it is empty and still counts them all, and another tenant's matches never count", async () => {
    const a = await createAccount(app);
    const neighbour = await createAccount(app);
    await insertNumbers(app, a, { count: 30, start: 4155000 });
    await insertNumbers(app, a, { count: 20, start: 1000 });
    await insertNumbers(app, neighbour, { count: 40, start: 4155000 });
    const first = await app.http.get(`${BASE}/list-numbers/?user_id=${a.userId}&search=4155&page_size=25`, { apiKey: a.apiKey });
    expect(first.body.data.numbers).toHaveLength(25);
    expect(first.body.data.pagination).toMatchObject({ count: 30, total_pages: 2 });
    const past = await app.http.get(`${BASE}/list-numbers/?user_id=${a.userId}&search=4155&page=3&page_size=25`, { apiKey: a.apiKey });
    expect(past.body.data.numbers).toEqual([]);
    expect(past.body.data.pagination.count).toBe(30);
  });
});
