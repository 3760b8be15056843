import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TwilioNumberPurchase } from '../../src/domain/channels/twilio-number-purchase.js';
import { NumberPurchaseError } from '../../src/domain/channels/number-purchase.js';

/** A stand-in for api.twilio.com answering in Twilio's REST shapes, one scripted answer per request. */
interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
}
type Answer = { status: number; body?: unknown };

const ACCOUNT = 'ACtest0000000000000000000000000000';
const BASE = `/2010-04-01/Accounts/${ACCOUNT}`;
const seen: Seen[] = [];
const answers: Answer[] = [];
let server: http.Server;
let baseUrl: string;

const page = (key: string, items: unknown[]) => ({ [key]: items, end: items.length, first_page_uri: '', next_page_uri: null, page: 0, page_size: 50, previous_page_uri: null, start: 0, uri: '' });
const available = (phone: string) => ({ friendly_name: phone, phone_number: phone, iso_country: 'US', capabilities: { voice: true, SMS: true, MMS: false }, beta: false });
const owned = (sid: string, phone: string) => ({ sid, account_sid: ACCOUNT, phone_number: phone, friendly_name: 'switchboard:ref-1', capabilities: { voice: true, sms: true, mms: true, fax: false } });
const twilioError = (status: number, code: number, message: string): Answer => ({ status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://stub');
      seen.push({ method: req.method!, path: url.pathname, query: url.searchParams, form: new URLSearchParams(raw) });
      const answer = answers.shift() ?? twilioError(500, 20500, 'no scripted answer');
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
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

const provider = () => new TwilioNumberPurchase({ accountSid: ACCOUNT, authToken: 'secret-token', apiBaseUrl: baseUrl });
const request = { isoCountry: 'US', type: 'sms' as const, reference: 'ref-1' };

async function failure(promise: Promise<unknown>): Promise<NumberPurchaseError> {
  try {
    await promise;
  } catch (err) {
    return err as NumberPurchaseError;
  }
  throw new Error('expected a failure');
}

describe('Twilio number purchase adapter', () => {
  it('when a local number is available, then it is bought with our reference as its friendly name', async () => {
    answers.push({ status: 200, body: page('incoming_phone_numbers', []) }, { status: 200, body: page('available_phone_numbers', [available('+14155550101')]) }, { status: 201, body: owned('PN01', '+14155550101') });
    const number = await provider().purchase(request);
    expect(number).toEqual({ phoneNumber: '+14155550101', countryCode: '+1', isoCountry: 'US', capabilities: { voice: true, sms: true, mms: true }, sid: 'PN01', isMock: false });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      `GET ${BASE}/IncomingPhoneNumbers.json`,
      `GET ${BASE}/AvailablePhoneNumbers/US/Local.json`,
      `POST ${BASE}/IncomingPhoneNumbers.json`,
    ]);
    expect(seen[0].query.get('FriendlyName')).toBe('switchboard:ref-1');
    expect(seen[1].query.get('SmsEnabled')).toBe('true');
    expect(Object.fromEntries(seen[2].form)).toEqual({ PhoneNumber: '+14155550101', FriendlyName: 'switchboard:ref-1' });
  });

  it('when a retried purchase finds the number the first attempt bought, then nothing more is bought', async () => {
    answers.push({ status: 200, body: page('incoming_phone_numbers', [owned('PN02', '+14155550102')]) });
    const number = await provider().purchase(request);
    expect(number.sid).toBe('PN02');
    expect(seen).toHaveLength(1);
  });

  it('when the listed number is taken before we buy it, then the next candidate is bought', async () => {
    answers.push(
      { status: 200, body: page('incoming_phone_numbers', []) },
      { status: 200, body: page('available_phone_numbers', [available('+14155550103'), available('+14155550104')]) },
      twilioError(400, 21422, 'PhoneNumber requested is not available'),
      { status: 201, body: owned('PN04', '+14155550104') },
    );
    expect((await provider().purchase(request)).phoneNumber).toBe('+14155550104');
  });

  it('when the country has neither local nor mobile numbers, then it fails as "no numbers" without retrying', async () => {
    answers.push({ status: 200, body: page('incoming_phone_numbers', []) }, { status: 200, body: page('available_phone_numbers', []) }, twilioError(404, 20404, 'not found'));
    const err = await failure(provider().purchase(request));
    expect(err).toBeInstanceOf(NumberPurchaseError);
    expect(err.kind).toBe('no_numbers');
    expect(err.message).toBe('No available phone numbers in this country');
    expect(seen[2].path).toBe(`${BASE}/AvailablePhoneNumbers/US/Mobile.json`);
  });

  it.each([
    ['401', twilioError(401, 20003, 'Authenticate'), 'refused', false],
    ['429', twilioError(429, 20429, 'Too Many Requests'), 'unavailable', true],
    ['503', twilioError(503, 20503, 'Service Unavailable'), 'unavailable', true],
  ])('when Twilio answers %s, then the failure is %s (retryable %s)', async (_, answer, kind, retryable) => {
    answers.push(answer);
    const err = await failure(provider().purchase(request));
    expect(err.kind).toBe(kind);
    expect(err.retryable).toBe(retryable);
  });

  it('when a number is released by its SID, then Twilio gets a DELETE of that number', async () => {
    answers.push({ status: 204 });
    expect(await provider().release({ reference: 'ref-1', sid: 'PN09', phoneNumber: '+14155550109' })).toEqual({ released: true });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([`DELETE ${BASE}/IncomingPhoneNumbers/PN09.json`]);
  });

  it('when the number is already gone, then the release still succeeds', async () => {
    answers.push(twilioError(404, 20404, 'The requested resource was not found'));
    expect(await provider().release({ reference: 'ref-1', sid: 'PN10', phoneNumber: null })).toEqual({ released: false });
  });

  it('when only the reference is known, then the numbers carrying it are found and released', async () => {
    answers.push({ status: 200, body: page('incoming_phone_numbers', [owned('PN11', '+14155550111')]) }, { status: 204 });
    expect(await provider().release({ reference: 'ref-1', sid: null, phoneNumber: null })).toEqual({ released: true });
    expect(seen[1]).toMatchObject({ method: 'DELETE', path: `${BASE}/IncomingPhoneNumbers/PN11.json` });
  });
});
