import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { startTestAppWithAccount, type TestApp } from './support/harness.js';
import { createAccount, type TestAccount } from './support/accounts.js';
import { insertNumbers } from './phone/read-fixtures.js';
import { simulatedNumber } from '../src/domain/channels/simulated-numbers.js';
import { nanpParts } from '../src/domain/phone/nanp.js';

/** Issue 12: where a client written from the seed documents alone still tripped, each with the document's example. */
let app: TestApp;
let owner: TestAccount;
beforeAll(async () => ({ app, account: owner } = await startTestAppWithAccount()));
afterAll(() => app.close());

describe('seed 002: a raw + in a phone query parameter', () => {
  // The document's user, +1234567890, in a tenant of its own so the counts are exact.
  let agent: TestAccount;
  beforeAll(async () => {
    agent = await createAccount(app);
    expect((await app.http.post('/api/users/', { phone_number: '+1234567890' }, { apiKey: agent.apiKey })).status).toBe(201);
    const task = await app.http.post('/api/tasks/', { user_phone: '+1234567890', sms_content: 'Create a Python function to sort a list', category: 'coding' }, { apiKey: agent.apiKey });
    expect(task.status).toBe(201);
  });

  test("when the document's GET /api/tasks/?user_phone=+1234567890&category=coding is sent as written, then it filters by that user", async () => {
    const res = await app.http.get('/api/tasks/?user_phone=+1234567890&category=coding&page=1&page_size=10', { apiKey: agent.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 1, results: [expect.objectContaining({ user_phone: '+1234567890', category: 'coding' })] });
    const encoded = await app.http.get('/api/tasks/?user_phone=%2B1234567890&category=coding&page=1&page_size=10', { apiKey: agent.apiKey });
    expect(encoded.body).toEqual({ ...res.body });
  });

  test('when task analytics and error logs are filtered with a raw +, then they accept it too', async () => {
    const analytics = await app.http.get('/api/tasks/analytics/?user_phone=+1234567890', { apiKey: agent.apiKey });
    expect(analytics.status).toBe(200);
    expect(analytics.body.total_tasks).toBe(1);
    const logs = await app.http.get('/api/error-logs/?user_phone=+1234567890', { apiKey: agent.apiKey });
    expect(logs.status).toBe(200);
    expect(logs.body.count).toBe(0);
  });

  test("when the agent user is read at /api/users/+1234567890/ as written, then it is found", async () => {
    const res = await app.http.get('/api/users/+1234567890/', { apiKey: agent.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.phone_number).toBe('+1234567890');
  });

  test('when a raw + stands between words elsewhere in a query, then it is still a space', async () => {
    const res = await app.http.get('/api/tasks/?user_phone=+1234567890&category=no+such', { apiKey: agent.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(0);
  });
});

describe('seed 002: system stats queues', () => {
  test('when an agent task completes today, then queues.completed_today counts it', async () => {
    const account = await createAccount(app);
    expect((await app.http.post('/api/users/', { phone_number: '+1234567890' }, { apiKey: account.apiKey })).status).toBe(201);
    const before = await app.http.get('/api/system/stats/', { apiKey: account.apiKey });
    expect(before.body.queues).toEqual({ pending_tasks: 0, failed_tasks: 0, completed_today: 0 });
    expect((await app.http.post('/api/tasks/', { user_phone: '+1234567890', sms_content: 'Help me debug this Python function' }, { apiKey: account.apiKey })).status).toBe(201);
    const after = await app.http.get('/api/system/stats/', { apiKey: account.apiKey });
    expect(after.status).toBe(200);
    expect(after.body.queues).toEqual({ pending_tasks: 0, failed_tasks: 0, completed_today: 1 });
  });
});

describe('seed 003: error envelope and mock numbers', () => {
  test('when the body is malformed JSON, then the answer is {error, details} with details a sentence', async () => {
    const res = await app.http.post('/api/channels/generate-phone-number', undefined, {
      token: owner.token,
      raw: '{"country": "USA",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: expect.any(String), details: expect.stringContaining('body:'), fields: { body: [expect.any(String)] } });
  });

  test('when the document\'s {"country": "USA"} is bought in mock mode, then the number is a real-looking NANP number', async () => {
    const res = await app.http.post('/api/channels/generate-phone-number', { country: 'USA' }, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ countryCode: '+1', isoCountry: 'US', isMock: true });
    expectRealisticNanp(res.body.phoneNumber, 'US');
  });

  test('when a second mock number is bought, then it differs from the first', async () => {
    const first = await app.http.post('/api/channels/generate-phone-number', { country: 'USA', name: 'One' }, { token: owner.token });
    const second = await app.http.post('/api/channels/generate-phone-number', { country: 'USA', name: 'Two' }, { token: owner.token });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.phoneNumber).not.toBe(first.body.phoneNumber);
  });
});

function expectRealisticNanp(number: string, iso: string) {
  const parts = nanpParts(number);
  expect(parts).not.toBeNull();
  expect(parts!.nxx).not.toMatch(/^\d11$/);
  expect(parts!.npa).not.toMatch(/^\d11$/);
  expect(parts!.nxx).not.toBe('555');
  const parsed = parsePhoneNumberFromString(number);
  expect(parsed?.isValid()).toBe(true);
  expect(parsed?.country).toBe(iso);
}

describe('seed 000: download, statuses and line types', () => {
  let phone: TestAccount;
  beforeAll(async () => {
    phone = await createAccount(app);
    await insertNumbers(app, phone, { count: 3, status: 'valid', carrier: 'AT&T', lineType: 'mobile', start: 1000 });
    await insertNumbers(app, phone, { count: 2, status: 'valid', carrier: 'Verizon Wireless', lineType: 'landline', start: 2000 });
    await insertNumbers(app, phone, { count: 4, status: 'pending', start: 3000 });
    await insertNumbers(app, phone, { count: 1, status: 'invalid', start: 4000 });
  });
  const get = (path: string) => app.http.get(`/api/phone-generator/${path}`, { apiKey: phone.apiKey });
  const csvRows = (text: string) => text.trimEnd().split('\n').slice(1).map((line) => line.split(','));

  test('when numbers were just generated (pending), then download-numbers/ returns them all, every status', async () => {
    const res = await get(`download-numbers/?user_id=${phone.userId}`);
    expect(res.status).toBe(200);
    const rows = csvRows(res.text);
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['valid', 'pending', 'invalid']));
  });

  test("when the document's download-numbers/?user_id=…&carrier=AT&T&code=415 is sent, then the filters select, status narrows", async () => {
    const atT = csvRows((await get(`download-numbers/?user_id=${phone.userId}&carrier=AT&T&code=415`)).text);
    expect(atT.map((r) => [r[1], r[4], r[5]])).toEqual([
      ['+14150001000', 'AT&T', 'Mobile'],
      ['+14150001001', 'AT&T', 'Mobile'],
      ['+14150001002', 'AT&T', 'Mobile'],
    ]);
    expect(csvRows((await get(`download-numbers/?user_id=${phone.userId}&status=pending`)).text)).toHaveLength(4);
  });

  test('when statistics are asked, then the breakdowns read as the document writes them ("Mobile", carriers as looked up)', async () => {
    const res = await get(`statistics/?user_id=${phone.userId}`);
    expect(res.status).toBe(200);
    expect(res.body.data.type_breakdown).toEqual([
      { type: 'Mobile', count: 3 },
      { type: 'Landline', count: 2 },
    ]);
    expect(res.body.data.carrier_breakdown).toEqual([
      { carrier: 'AT&T', count: 3 },
      { carrier: 'Verizon Wireless', count: 2 },
    ]);
  });

  test('when numbers are listed with a status filter in any case, then it filters and types are capitalised', async () => {
    const res = await get(`list-numbers/?user_id=${phone.userId}&status=VALID&page_size=10`);
    expect(res.status).toBe(200);
    expect(res.body.data.numbers).toHaveLength(5);
    expect(new Set(res.body.data.numbers.map((n: { type: string }) => n.type))).toEqual(new Set(['Mobile', 'Landline']));
    const carrier = await get(`download-numbers/?user_id=${phone.userId}&carrier=verizon%20WIRELESS&status=Valid`);
    expect(csvRows(carrier.text).map((r) => r[5])).toEqual(['Landline', 'Landline']);
  });
});

describe('seed 004: Idempotency-Key on templates and segments', () => {
  test.each([
    ['templates', '/api/messaging/templates/', { name: 'Seed welcome', body_text: 'Hi {{first_name}}' }],
    ['segments', '/api/messaging/segments/', { name: 'Seed VIPs', filter_json: { tags: ['VIP'] } }],
  ])("when a %s create is retried with the document's key, then the first answer is replayed, not 'already exists'", async (_, path, body) => {
    const account = await createAccount(app);
    const opts = { token: account.token, headers: { 'idempotency-key': 'unique-request-id-12345' } };
    const first = await app.http.post(path, body, opts);
    expect(first.status).toBe(201);
    const retry = await app.http.post(path, body, opts);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const fresh = await app.http.post(path, body, { token: account.token, headers: { 'idempotency-key': 'another-request-id' } });
    expect(fresh.status).toBe(400);
  });
});

describe('seed 003: mock numbers drawn in bulk', () => {
  // Last in the file: the draws are synchronous, and a long event-loop pause would drop the HTTP client's idle connections.
  test('when many mock +1 numbers are drawn, then none has an N11 or 555 exchange and none repeats', () => {
    for (const iso of ['US', 'CA'] as const) {
      const drawn = Array.from({ length: 500 }, () => simulatedNumber(iso, Math.random)!);
      for (const n of drawn) expectRealisticNanp(n, iso);
      expect(new Set(drawn).size).toBe(drawn.length);
    }
  });
});
