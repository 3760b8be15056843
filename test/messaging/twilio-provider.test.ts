import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TwilioSmsProvider } from '../../src/domain/messaging/providers/twilio-sms-provider.js';
import { SmsProviderError } from '../../src/domain/messaging/sms-provider.js';

/** A stand-in for api.twilio.com answering in Twilio's REST shapes, one scripted answer per request. */
interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  auth: string;
}
type Answer = { status: number; body: unknown };

const ACCOUNT = 'ACtest0000000000000000000000000000';
const seen: Seen[] = [];
const answers: Answer[] = [];
let server: http.Server;
let baseUrl: string;

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');
const messageJson = (over: Record<string, unknown> = {}) => ({
  account_sid: ACCOUNT,
  api_version: '2010-04-01',
  body: 'Hello',
  date_created: rfc2822(new Date()),
  date_sent: null,
  date_updated: rfc2822(new Date()),
  direction: 'outbound-api',
  error_code: null,
  error_message: null,
  from: '+15005550006',
  messaging_service_sid: null,
  num_media: '0',
  num_segments: '1',
  price: null,
  price_unit: 'USD',
  sid: 'SM00000000000000000000000000000001',
  status: 'queued',
  subresource_uris: {},
  to: '+14155550100',
  uri: `/2010-04-01/Accounts/${ACCOUNT}/Messages/SM00000000000000000000000000000001.json`,
  ...over,
});
const twilioError = (status: number, code: number, message: string) => ({ status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://stub');
      seen.push({ method: req.method!, path: url.pathname, query: url.searchParams, form: new URLSearchParams(raw), auth: req.headers.authorization ?? '' });
      const answer = answers.shift() ?? { status: 500, body: { code: 20500, message: 'no scripted answer', status: 500 } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
  answers.length = 0;
});

const provider = (over: Partial<ConstructorParameters<typeof TwilioSmsProvider>[0]> = {}) =>
  new TwilioSmsProvider({ accountSid: ACCOUNT, authToken: 'secret-token', apiBaseUrl: baseUrl, ...over });

async function failure(promise: Promise<unknown>): Promise<SmsProviderError> {
  try {
    await promise;
  } catch (err) {
    return err as SmsProviderError;
  }
  throw new Error('expected a failure');
}

test('when a message is sent, then Twilio receives To, From, Body and the status callback with basic auth', async () => {
  answers.push({ status: 201, body: messageJson({ num_segments: '2', status: 'queued' }) });
  const result = await provider().send({ to: '+14155550100', from: '+15005550006', body: 'Hello', statusCallbackUrl: 'https://switchboard.test/api/messaging/webhooks/twilio/status/?message_id=7' });
  expect(result).toEqual({ providerMessageId: 'SM00000000000000000000000000000001', status: 'queued', segments: 2, price: null, simulated: false });
  expect(seen[0].method).toBe('POST');
  expect(seen[0].path).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
  expect(Object.fromEntries(seen[0].form)).toEqual({
    To: '+14155550100',
    From: '+15005550006',
    Body: 'Hello',
    StatusCallback: 'https://switchboard.test/api/messaging/webhooks/twilio/status/?message_id=7',
  });
  expect(seen[0].auth).toBe(`Basic ${Buffer.from(`${ACCOUNT}:secret-token`).toString('base64')}`);
});

test('when no sender is given and a messaging service is configured, then the service sends', async () => {
  answers.push({ status: 201, body: messageJson({ messaging_service_sid: 'MG123', status: 'accepted' }) });
  const result = await provider({ messagingServiceSid: 'MG123' }).send({ to: '+14155550100', body: 'Hello' });
  expect(result.status).toBe('accepted');
  expect(seen[0].form.get('MessagingServiceSid')).toBe('MG123');
  expect(seen[0].form.has('From')).toBe(false);
});

test('when Twilio throttles with 429, then the error is retryable', async () => {
  answers.push(twilioError(429, 20429, 'Too Many Requests'));
  const err = await failure(provider().send({ to: '+14155550100', from: '+15005550006', body: 'x' }));
  expect(err).toBeInstanceOf(SmsProviderError);
  expect(err).toMatchObject({ httpStatus: 429, retryable: true, providerCode: 20429 });
});

test('when Twilio answers 5xx, then the error is retryable', async () => {
  answers.push(twilioError(503, 20503, 'Service Unavailable'));
  expect(await failure(provider().send({ to: '+14155550100', from: '+15005550006', body: 'x' }))).toMatchObject({ httpStatus: 503, retryable: true });
});

test('when Twilio refuses the number with 400, then the error is not retryable', async () => {
  answers.push(twilioError(400, 21211, "The 'To' number +1415 is not a valid phone number."));
  const err = await failure(provider().send({ to: '+1415', from: '+15005550006', body: 'x' }));
  expect(err).toMatchObject({ httpStatus: 400, retryable: false, providerCode: 21211 });
  expect(err.message).toContain('not a valid phone number');
});

test('when the server cannot be reached, then the error is retryable without a status', async () => {
  const dead = new TwilioSmsProvider({ accountSid: ACCOUNT, authToken: 't', apiBaseUrl: 'http://127.0.0.1:1' });
  expect(await failure(dead.send({ to: '+14155550100', from: '+15005550006', body: 'x' }))).toMatchObject({ httpStatus: null, retryable: true });
});

test('when the balance is asked, then the Balance resource answers it', async () => {
  answers.push({ status: 200, body: { account_sid: ACCOUNT, balance: '12.34', currency: 'USD' } });
  expect(await provider().balance()).toEqual({ balance: 12.34, currency: 'USD', simulated: false });
  expect(seen[0].path).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Balance.json`);
});

test('when the connection is tested, then an active account is ok and a 401 is not', async () => {
  answers.push({ status: 200, body: { sid: ACCOUNT, friendly_name: 'Main', status: 'active', type: 'Full' } });
  expect(await provider().testConnection()).toMatchObject({ ok: true, simulated: false });
  answers.push(twilioError(401, 20003, 'Authenticate'));
  expect(await provider().testConnection()).toMatchObject({ ok: false, detail: expect.stringContaining('401') });
});

test('when sends to a number are reconciled, then pages are walked until messages older than the cut-off', async () => {
  const now = Date.now();
  const at = (minutesAgo: number) => rfc2822(new Date(now - minutesAgo * 60_000));
  answers.push({
    status: 200,
    body: {
      messages: [messageJson({ sid: 'SM1', date_created: at(1) }), messageJson({ sid: 'SM2', date_created: at(2) })],
      next_page_uri: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json?To=%2B14155550100&PageSize=2&Page=1&PageToken=PA2`,
      page: 0,
      page_size: 2,
      uri: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json?To=%2B14155550100&PageSize=2&Page=0`,
    },
  });
  answers.push({
    status: 200,
    body: { messages: [messageJson({ sid: 'SM3', date_created: at(3) }), messageJson({ sid: 'SM4', date_created: at(30) })], next_page_uri: null, page: 1, page_size: 2 },
  });
  const found = await provider().listSentTo('+14155550100', new Date(now - 10 * 60_000));
  expect(found.map((m) => m.providerMessageId)).toEqual(['SM1', 'SM2', 'SM3']);
  expect(seen[0].query.get('To')).toBe('+14155550100');
  expect(seen[1].query.get('PageToken')).toBe('PA2');
});

describe('owns this number', () => {
  const incoming = (phone: string) => ({ sid: 'PN00000000000000000000000000000001', account_sid: ACCOUNT, phone_number: phone, friendly_name: phone, capabilities: { voice: true, sms: true, mms: false, fax: false } });
  const page = (numbers: unknown[]) => ({ status: 200, body: { incoming_phone_numbers: numbers, end: numbers.length, next_page_uri: null, page: 0, page_size: 20, start: 0, uri: '' } });

  test('when the account holds the number, then IncomingPhoneNumbers filtered by PhoneNumber says so', async () => {
    answers.push(page([incoming('+14155550100')]));
    expect(await provider().ownsNumber('+14155550100')).toBe(true);
    expect(seen[0].method).toBe('GET');
    expect(seen[0].path).toBe(`/2010-04-01/Accounts/${ACCOUNT}/IncomingPhoneNumbers.json`);
    expect(seen[0].query.get('PhoneNumber')).toBe('+14155550100');
  });

  test('when Twilio lists only partial matches or nothing, then the account does not hold the number', async () => {
    answers.push(page([incoming('+141555501001')]));
    expect(await provider().ownsNumber('+14155550100')).toBe(false);
    answers.push(page([]));
    expect(await provider().ownsNumber('+14155550100')).toBe(false);
  });

  test('when Twilio cannot answer, then the error says whether to retry', async () => {
    answers.push(twilioError(503, 20503, 'Service Unavailable'));
    expect(await failure(provider().ownsNumber('+14155550100'))).toMatchObject({ httpStatus: 503, retryable: true });
  });
});
