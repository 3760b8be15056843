import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { TwilioLookupProvider } from '../../src/domain/phone/twilio-lookup.js';
import { CachedLookup } from '../../src/db/phone/lookup-cache.js';
import { LookupProviderError } from '../../src/domain/phone/lookup-provider.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { numbersOf, post, waitForTask } from './generation-support.js';
import { consecutive, insertPending } from './validation-support.js';
import { startFakeTwilioLookup, type FakeTwilioLookup } from './validation-twilio-server.js';

let fake: FakeTwilioLookup;
beforeAll(async () => {
  fake = await startFakeTwilioLookup();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.scenarios.clear();
  fake.refuseAll = false;
});

const provider = () => new TwilioLookupProvider({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url, concurrency: 3 });

describe('Twilio Lookup v2 adapter', () => {
  test('when Twilio answers with line type intelligence, then carrier and line type are mapped to ours', async () => {
    fake.scenarios.set('+19075550001', { kind: 'line', type: 'mobile', carrier: 'Verizon Wireless' });
    fake.scenarios.set('+19075550002', { kind: 'line', type: 'nonFixedVoip', carrier: 'Google (Grand Central) - SVR' });
    fake.scenarios.set('+19075550003', { kind: 'line', type: 'tollFree', carrier: null });
    fake.scenarios.set('+19075550004', { kind: 'invalid', errors: ['INVALID_BUT_POSSIBLE'] });
    fake.scenarios.set('+19075550005', { kind: 'error', status: 404, code: 20404, message: 'The requested resource was not found' });
    fake.scenarios.set('+19075550006', { kind: 'line', type: 'landline', carrier: null, errorCode: 60600 });
    const answers = await provider().lookup(consecutive('907', '555', 1, 7));
    expect(answers).toEqual([
      { number: '+19075550001', valid: true, carrier: 'Verizon Wireless', lineType: 'mobile' },
      { number: '+19075550002', valid: true, carrier: 'Google (Grand Central) - SVR', lineType: 'voip' },
      { number: '+19075550003', valid: true, carrier: null, lineType: 'toll-free' },
      { number: '+19075550004', valid: false, carrier: null, lineType: null },
      { number: '+19075550005', valid: false, carrier: null, lineType: null },
      { number: '+19075550006', valid: true, carrier: null, lineType: 'landline' },
      { number: '+19075550007', valid: true, carrier: 'AT&T Services', lineType: 'landline' },
    ]);
    expect(fake.requests.every((r) => r.fields === 'line_type_intelligence' && r.authorized)).toBe(true);
  });

  test.each([
    [429, 20429, 'Too Many Requests', true],
    [503, 20503, 'Service Unavailable', true],
    [401, 20003, 'Authenticate', false],
  ])('when Twilio answers HTTP %i, then the error is %s-coded and retryable only when it may pass', async (status, code, message, retryable) => {
    fake.scenarios.set('+19075550100', { kind: 'error', status, code, message });
    const failure = await provider().lookup(['+19075550100']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LookupProviderError);
    expect(failure).toEqual(expect.objectContaining({ retryable, httpStatus: status, providerCode: code, message: `Twilio Lookup HTTP ${status} failed (code ${code}): ${message}` }));
  });

  test('when credentials are wrong, then the refusal is not retryable', async () => {
    fake.refuseAll = true;
    await expect(provider().lookup(['+19075550200'])).rejects.toEqual(expect.objectContaining({ retryable: false, httpStatus: 401 }));
  });
});

describe('Twilio lookups end to end', () => {
  let app: TestApp;
  let worker: WorkerProcess;
  beforeAll(async () => {
    const env = {
      TASK_QUEUE_PREFIX: `twilio-${randomBytes(4).toString('hex')}`,
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_API_BASE_URL: fake.url,
    };
    worker = await startWorkerProcess({ env: { ...process.env, ...env }, logFile: path.join(os.tmpdir(), `switchboard-twilio-worker-${env.TASK_QUEUE_PREFIX}.log`) });
    app = await startTestApp(env);
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  test('when a cache of paid answers exists, then the same number is never asked of Twilio twice', async () => {
    const lookup = new CachedLookup(app.owner, provider());
    const numbers = consecutive('907', '556', 10, 5);
    await lookup.lookup(numbers);
    const again = await lookup.lookup([...numbers, '+19075560099']);
    expect(again.asked).toBe(1);
    expect(fake.requests.map((r) => r.number).sort()).toEqual([...numbers, '+19075560099'].sort());
  });

  test('when the worker has Twilio credentials, then validation asks Twilio once per number and stores its answers', async () => {
    const account = await createAccount(app);
    const numbers = consecutive('907', '557', 100, 12);
    fake.scenarios.set(numbers[0], { kind: 'line', type: 'mobile', carrier: 'Verizon Wireless' });
    fake.scenarios.set(numbers[1], { kind: 'invalid', errors: ['TOO_SHORT'] });
    fake.scenarios.set(numbers[2], { kind: 'error', status: 429, code: 20429, message: 'Too Many Requests', times: 1 });
    await insertPending(app, account, numbers);
    const res = await post(app, account, '/validate-numbers-enhanced/', { batch_size: 100 });
    expect(res.status).toBe(202);
    const task = await waitForTask(app, res.body.data.task_id);
    expect(task.result).toEqual(expect.objectContaining({ total_validated: 12, valid_numbers: 11, invalid_numbers: 1, lookup_source: 'twilio' }));
    const rows = await numbersOf(app, account.tenantId);
    expect(rows.every((r) => r.lookup_source === 'twilio')).toBe(true);
    expect(rows[0]).toEqual(expect.objectContaining({ status: 'valid', carrier: 'Verizon Wireless', line_type: 'mobile' }));
    expect(rows[1]).toEqual(expect.objectContaining({ status: 'invalid', carrier: null, line_type: null }));
    expect(rows[2]).toEqual(expect.objectContaining({ status: 'valid', carrier: 'T-Mobile USA, Inc.', line_type: 'mobile' }));
    // The throttled number was asked again after the retry; every other number exactly once.
    const asked = fake.requests.map((r) => r.number);
    expect(asked.filter((n) => n === numbers[2])).toHaveLength(2);
    expect(asked.filter((n) => n !== numbers[2]).sort()).toEqual(numbers.filter((n) => n !== numbers[2]).sort());

    const other = await createAccount(app);
    await insertPending(app, other, numbers);
    fake.requests.length = 0;
    const again = await post(app, other, '/validate-numbers-enhanced/', { batch_size: 100 });
    await waitForTask(app, again.body.data.task_id);
    expect(fake.requests).toHaveLength(0);
  });

  test('when Twilio refuses the credentials, then the task fails with Twilio\'s reason and no number changes', async () => {
    const account = await createAccount(app);
    await insertPending(app, account, consecutive('907', '558', 100, 3));
    fake.refuseAll = true;
    const res = await post(app, account, '/validate-numbers-enhanced/', { batch_size: 100 });
    const task = await waitForTask(app, res.body.data.task_id, ['failed']);
    expect(task.error).toBe('Twilio Lookup HTTP 401 failed (code 20003): Authenticate');
    expect((await numbersOf(app, account.tenantId)).every((r) => r.status === 'pending')).toBe(true);
  });
});
