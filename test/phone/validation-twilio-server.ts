import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One canned Lookup v2 answer: a line type intelligence result, an invalid number, or a Twilio error. */
export type LookupScenario =
  | { kind: 'line'; type: string; carrier: string | null; errorCode?: number }
  | { kind: 'invalid'; errors: string[] }
  | { kind: 'error'; status: number; code: number; message: string; times?: number };

export interface FakeTwilioLookup {
  url: string;
  accountSid: string;
  authToken: string;
  /** Every request as received: decoded number, query string and whether its credentials were right. */
  requests: { number: string; fields: string | null; authorized: boolean }[];
  scenarios: Map<string, LookupScenario>;
  refuseAll: boolean;
  close(): Promise<void>;
}

/**
 * A local HTTP server answering `GET /v2/PhoneNumbers/{number}` in Twilio Lookup v2's REST shapes,
 * including its error bodies (`{code, message, more_info, status}`). Numbers without a scenario are
 * valid landlines of "AT&T Services".
 */
export async function startFakeTwilioLookup(): Promise<FakeTwilioLookup> {
  const fake: FakeTwilioLookup = {
    url: '',
    accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
    authToken: 'fake-auth-token',
    requests: [],
    scenarios: new Map(),
    refuseAll: false,
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/v2\/PhoneNumbers\/([^/]+)$/.exec(url.pathname);
    const expected = `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`;
    const authorized = req.headers.authorization === expected && !fake.refuseAll;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!m) return send(404, twilioError(404, 20404, `The requested resource ${url.pathname} was not found`));
    const number = decodeURIComponent(m[1]);
    fake.requests.push({ number, fields: url.searchParams.get('Fields'), authorized });
    if (!authorized) return send(401, { ...twilioError(401, 20003, 'Authenticate'), detail: 'Your AccountSid or AuthToken was incorrect.' });
    const scenario = fake.scenarios.get(number) ?? { kind: 'line', type: 'landline', carrier: 'AT&T Services' };
    if (scenario.kind === 'error') {
      if (scenario.times === undefined || scenario.times-- > 0) return send(scenario.status, twilioError(scenario.status, scenario.code, scenario.message));
      return send(200, lineBody(number, { type: 'mobile', carrier: 'T-Mobile USA, Inc.' }));
    }
    if (scenario.kind === 'invalid') return send(200, invalidBody(number, scenario.errors));
    return send(200, lineBody(number, scenario));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

const empty = { caller_name: null, sim_swap: null, call_forwarding: null, line_status: null, identity_match: null, reassigned_number: null, sms_pumping_risk: null, phone_number_quality_score: null, pre_fill: null };

function lineBody(number: string, line: { type: string; carrier: string | null; errorCode?: number }) {
  return {
    calling_country_code: '1',
    country_code: 'US',
    phone_number: number,
    national_format: `(${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}`,
    valid: true,
    validation_errors: [],
    ...empty,
    line_type_intelligence: { error_code: line.errorCode ?? null, mobile_country_code: '310', mobile_network_code: '410', carrier_name: line.carrier, type: line.type },
    url: `https://lookups.twilio.com/v2/PhoneNumbers/${number}`,
  };
}

function invalidBody(number: string, errors: string[]) {
  return { calling_country_code: null, country_code: null, phone_number: number, national_format: null, valid: false, validation_errors: errors, ...empty, line_type_intelligence: null, url: `https://lookups.twilio.com/v2/PhoneNumbers/${number}` };
}
