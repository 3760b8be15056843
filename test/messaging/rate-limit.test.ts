import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { bucketFor } from '../../src/api/middleware/rate-limit-buckets.js';
import { usNumber } from './support.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SMS_PER_MINUTE: '3', RATE_LIMIT_DEFAULT_PER_HOUR: '5', RATE_LIMIT_CONTACTS_PER_MINUTE: '2' });
});
afterAll(() => app.close());

test('when a user sends more SMS requests than the budget, then the next one is 429 with rate-limit headers', async () => {
  const user = await createAccount(app);
  const send = () => app.http.post('/api/messaging/sms/send/', { message: 'hi', recipients: [usNumber()] }, { token: user.token });
  const answers = [await send(), await send(), await send()];
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0']);
  expect(answers[0].headers.get('x-ratelimit-limit')).toBe('3');
  expect(Number(answers[0].headers.get('x-ratelimit-reset'))).toBeGreaterThan(1_600_000_000);

  const refused = await send();
  expect(refused.status).toBe(429);
  expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(refused.body).toMatchObject({ success: false, message: 'You have exceeded the rate limit of 3 requests per minute', error_code: 'RATE_LIMITED' });
});

test('when one user is over a budget, then another user and other buckets are unaffected', async () => {
  const busy = await createAccount(app);
  const calm = await createAccount(app);
  for (let i = 0; i < 3; i++) await app.http.post('/api/messaging/sms/send/', { message: 'hi', recipients: [usNumber()] }, { token: busy.token });
  expect((await app.http.post('/api/messaging/sms/send/', { message: 'hi', recipients: [usNumber()] }, { token: busy.token })).status).toBe(429);
  expect((await app.http.post('/api/messaging/sms/send/', { message: 'hi', recipients: [usNumber()] }, { token: calm.token })).status).toBe(200);
  const other = await app.http.get('/api/messaging/templates/', { token: busy.token });
  expect(other.status).toBe(200);
  expect(other.headers.get('x-ratelimit-limit')).toBe('5');
});

test('when the hourly default budget is spent, then seed 002 paths answer its rate-limit body', async () => {
  const user = await createAccount(app);
  for (let i = 0; i < 5; i++) expect((await app.http.get('/api/system/stats/', { apiKey: user.apiKey })).status).toBe(200);
  const refused = await app.http.get('/api/system/stats/', { apiKey: user.apiKey });
  expect(refused.status).toBe(429);
  expect(refused.body).toMatchObject({ error: 'Rate limit exceeded', detail: 'You have exceeded the rate limit of 5 requests per hour', retry_after: expect.any(Number) });
});

test('when a request is anonymous, then it carries no budget headers', async () => {
  const res = await app.http.get('/api/health/');
  expect(res.headers.get('x-ratelimit-limit')).toBeNull();
});

test('when requests are classified, then each lands in its documented bucket', () => {
  expect(bucketFor('POST', '/api/messaging/sms/send/')).toBe('sms');
  expect(bucketFor('POST', '/api/messaging/messages/')).toBe('sms');
  expect(bucketFor('GET', '/api/messaging/messages/')).toBe('default');
  expect(bucketFor('POST', '/api/messaging/contacts/bulk-import/')).toBe('bulk');
  expect(bucketFor('POST', '/api/messaging/contacts/')).toBe('contacts');
  expect(bucketFor('DELETE', '/api/api/contacts/7/')).toBe('contacts');
  expect(bucketFor('GET', '/api/messaging/contacts/')).toBe('default');
  expect(bucketFor('POST', '/api/messaging/campaigns/1/start/')).toBe('campaigns');
  expect(bucketFor('GET', '/api/messaging/campaigns/1/')).toBe('default');
  expect(bucketFor('GET', '/api/tenants/')).toBe('default');
});
