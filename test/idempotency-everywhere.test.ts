import { randomBytes } from 'node:crypto';
import { startTestAppWithAccount, type TestApp } from './support/harness.js';
import { createAccount, type TestAccount } from './support/accounts.js';
import { buyNumber, usNumber } from './messaging/support.js';
import { agentPhone } from './agent/support.js';
import { purgeExpiredIdempotencyKeys } from '../src/db/housekeeping/cross-tenant-housekeeping.js';

let app: TestApp;
let owner: TestAccount;

beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount({ RATE_LIMIT_SMS_PER_MINUTE: '1000', RATE_LIMIT_BULK_PER_MINUTE: '1000', RATE_LIMIT_CAMPAIGNS_PER_MINUTE: '1000' }));
  await buyNumber(app, owner);
});
afterAll(() => app.close());

const newKey = () => `key-${randomBytes(8).toString('hex')}`;
const rows = async (table: string, where: string, param: number) => (await app.owner.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where} = $1`, [param])).rows[0].n;
const byTenant = (table: string) => () => rows(table, 'tenant_id', owner.tenantId);

interface Create {
  name: string;
  path: string;
  body: () => Record<string, unknown>;
  /** The side effect: rows the create adds (a task row stands for its Temporal workflow). */
  effect: () => Promise<number>;
}

const creates: Create[] = [
  { name: 'seed 004 sms/send', path: '/api/messaging/sms/send/', body: () => ({ message: 'Hello once', recipients: [usNumber(), usNumber()] }), effect: byTenant('messages') },
  { name: 'seed 004 messages', path: '/api/messaging/messages/', body: () => ({ to: usNumber(), text: 'Just one' }), effect: byTenant('messages') },
  { name: 'seed 002 broadcast (a workflow)', path: '/api/messaging/broadcast/', body: () => ({ message: `Maintenance ${newKey()}`, tier_filter: ['free'] }), effect: byTenant('broadcasts') },
  { name: 'seed 003 generate-phone-number (a workflow)', path: '/api/channels/generate-phone-number', body: () => ({ country: 'USA', name: `Line ${newKey()}` }), effect: byTenant('channels') },
  {
    name: 'seed 000 generate-numbers-enhanced (a workflow)',
    path: '/api/phone-generator/generate-numbers-enhanced/',
    body: () => ({ user_id: String(owner.userId), project_id: newKey(), area_code: '415', quantity: 5, batch_size: 100 }),
    effect: byTenant('tasks'),
  },
  {
    name: 'seed 000 generate-numbers-config (a workflow)',
    path: '/api/phone-generator/generate-numbers-config/',
    body: () => ({ user_id: String(owner.userId), project_id: newKey(), area_code: '212', quantity: 5, batch_size: 100 }),
    effect: byTenant('tasks'),
  },
  { name: 'seed 001 upload/init', path: '/api/upload/init/', body: () => ({ fileName: 'contacts.csv', fileSize: 1024, totalChunks: 1 }), effect: byTenant('uploads') },
  { name: 'seed 004 tenants', path: '/api/tenants/', body: () => ({ name: `Tenant ${newKey()}` }), effect: () => rows('memberships', 'user_id', owner.userId) },
  { name: 'seed 004 templates', path: '/api/messaging/templates/', body: () => ({ name: `Welcome ${newKey()}`, body_text: 'Hi {{first_name}}' }), effect: byTenant('templates') },
  { name: 'seed 004 segments', path: '/api/messaging/segments/', body: () => ({ name: `VIPs ${newKey()}`, filter_json: { tags: ['VIP'] } }), effect: byTenant('segments') },
  { name: 'seed 002 users', path: '/api/users/', body: () => ({ phone_number: agentPhone(), tier: 'free' }), effect: byTenant('agent_users') },
  { name: 'seed 004 contacts', path: '/api/messaging/contacts/', body: () => ({ name: 'Once', phone_e164: usNumber() }), effect: byTenant('contacts') },
  { name: 'seed 001 contacts', path: '/api/api/contacts/', body: () => ({ first_name: 'Once', email: `${newKey()}@example.com` }), effect: byTenant('contacts') },
];

describe('Idempotency-Key on every create', () => {
  test.each(creates)('when $name is repeated with the same key and body, then it runs once and the second answer is the first, replayed', async ({ path, body, effect }) => {
    const key = newKey();
    const payload = body();
    const before = await effect();
    const first = await app.http.post(path, payload, { apiKey: owner.apiKey, headers: { 'idempotency-key': key } });
    expect(first.status).toBeLessThan(300);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const afterFirst = await effect();
    expect(afterFirst).toBeGreaterThan(before);

    const again = await app.http.post(path, payload, { apiKey: owner.apiKey, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(first.status);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.body).toEqual(first.body);
    expect(await effect()).toBe(afterFirst);
  });

  test('when the same key comes with a different body on a workflow-starting create, then 409 and no second workflow', async () => {
    const key = newKey();
    const path = '/api/phone-generator/generate-numbers-enhanced/';
    const body = { user_id: String(owner.userId), area_code: '415', quantity: 5, batch_size: 100 };
    expect((await app.http.post(path, { ...body, project_id: newKey() }, { apiKey: owner.apiKey, headers: { 'idempotency-key': key } })).status).toBe(202);
    const tasks = await byTenant('tasks')();
    const other = await app.http.post(path, { ...body, project_id: newKey() }, { apiKey: owner.apiKey, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ message: 'Errors' });
    expect(await byTenant('tasks')()).toBe(tasks);
  });

  test('when concurrent duplicates of a workflow-starting create arrive, then exactly one workflow starts', async () => {
    const key = newKey();
    const body = { user_id: String(owner.userId), project_id: newKey(), area_code: '415', quantity: 5, batch_size: 100 };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => app.http.post('/api/phone-generator/generate-numbers-enhanced/', body, { apiKey: owner.apiKey, headers: { 'idempotency-key': key } })),
    );
    const executed = answers.filter((a) => a.status === 202 && a.headers.get('idempotent-replayed') === null);
    expect(executed).toHaveLength(1);
    for (const a of answers) if (a !== executed[0] && a.status !== 409) expect(a.body).toEqual(executed[0].body);
    const started = await app.owner.query(`select count(*)::int as n from tasks where tenant_id = $1 and project_id = $2`, [owner.tenantId, body.project_id]);
    expect(started.rows[0].n).toBe(1);
  });

  test('when a CSV import is sent twice as multipart with one key, then the file is imported once and the second answer is replayed', async () => {
    const key = newKey();
    const csv = `name,phone_e164\nCsv One,${usNumber()}\nCsv Two,${usNumber()}\n`;
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob([csv], { type: 'text/csv' }), 'contacts.csv');
      return f;
    };
    const post = (raw: FormData) => app.http.post('/api/messaging/contacts/bulk-import/', undefined, { apiKey: owner.apiKey, raw, headers: { 'idempotency-key': key } });
    const first = await post(form());
    expect(first.status).toBe(200);
    expect(first.body.data.created).toBe(2);
    const again = await post(form());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const changed = new FormData();
    changed.append('file', new Blob([`name,phone_e164\nOther,${usNumber()}\n`], { type: 'text/csv' }), 'contacts.csv');
    expect((await post(changed)).status).toBe(409);
  });

  test('when an upload chunk (parsed to disk) is retried with one key, then the retry is replayed and other bytes under that key are a 409', async () => {
    const init = await app.http.post('/api/upload/init/', { fileName: 'c.csv', fileSize: 10, totalChunks: 2 }, { apiKey: owner.apiKey });
    const key = newKey();
    const chunk = (bytes: string) => {
      const form = new FormData();
      form.append('uploadId', init.body.uploadId);
      form.append('chunkIndex', '0');
      form.append('chunk', new Blob([bytes]), 'blob');
      return app.http.post('/api/upload/chunk/', undefined, { apiKey: owner.apiKey, raw: form, headers: { 'idempotency-key': key } });
    };
    const first = await chunk('name,phone');
    expect(first.status).toBe(200);
    const again = await chunk('name,phone');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await chunk('other,byte')).status).toBe(409);
  });

  test('when the same key is sent to two different creates, then each endpoint answers on its own', async () => {
    const key = newKey();
    const template = await app.http.post('/api/messaging/templates/', { name: `T ${key}`, body_text: 'Hi' }, { apiKey: owner.apiKey, headers: { 'idempotency-key': key } });
    const segment = await app.http.post('/api/messaging/segments/', { name: `S ${key}`, filter_json: {} }, { apiKey: owner.apiKey, headers: { 'idempotency-key': key } });
    expect(template.status).toBe(201);
    expect(segment.status).toBe(201);
    expect(segment.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('the OpenAPI document', () => {
  test('when a client reads it, then every authenticated POST documents the Idempotency-Key header', async () => {
    const doc = (await app.http.get('/api/openapi.json')).body;
    const headerOf = (path: string, method: string) => doc.paths[path][method].parameters.find((p: { in: string; name: string }) => p.in === 'header' && p.name === 'Idempotency-Key');
    expect(headerOf('/api/messaging/templates/', 'post')).toMatchObject({ required: false });
    expect(headerOf('/api/upload/init/', 'post')).toBeDefined();
    expect(headerOf('/api/messaging/templates/', 'get')).toBeUndefined();
  });
});

describe('purging expired keys', () => {
  test('when the purge runs, then keys past 24 hours are gone in every tenant and fresh ones stay', async () => {
    const other = await createAccount(app);
    const insert = (who: TestAccount, key: string, age: string) =>
      app.owner.query(
        `insert into idempotency_keys (tenant_id, user_id, key, method, path, request_hash, response_status, response_body, created_at, completed_at)
         values ($1, $2, $3, 'POST', '/x/', 'h', 201, '{}', now() - $4::interval, now() - $4::interval)`,
        [who.tenantId, who.userId, key, age],
      );
    const [oldMine, oldTheirs, fresh] = [newKey(), newKey(), newKey()];
    await insert(owner, oldMine, '25 hours');
    await insert(other, oldTheirs, '30 hours');
    await insert(other, fresh, '1 hour');
    expect(await purgeExpiredIdempotencyKeys(app.db.pool)).toBeGreaterThanOrEqual(2);
    const left = await app.owner.query<{ key: string }>(`select key from idempotency_keys where key = any($1)`, [[oldMine, oldTheirs, fresh]]);
    expect(left.rows.map((r) => r.key)).toEqual([fresh]);
    const fn = await app.owner.query(`select prosecdef from pg_proc where proname = 'xt_purge_expired_idempotency_keys'`);
    expect(fn.rows).toEqual([{ prosecdef: true }]);
  });
});
