import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { startSimulatedSmsServer, type SimulatedSmsServer } from '../../src/dev/simulated-sms-server.js';
import { TwilioSmsProvider } from '../../src/domain/messaging/providers/twilio-sms-provider.js';
import { eventually } from '../support/eventually.js';
import { registerSenderId, simulatedAccountNumber, usNumber } from './support.js';

const ACCOUNT = 'ACsimulatedprovider000000000000000';
const TOKEN = 'simulated-provider-token';

let sim: SimulatedSmsServer;
let app: TestApp;
let owner: TestAccount;
let senderId: string;

beforeAll(async () => {
  sim = await startSimulatedSmsServer({ authToken: TOKEN, accountSid: ACCOUNT, callbackDelayMs: 20 });
  app = await startTestApp({ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_API_BASE_URL: sim.url, RATE_LIMIT_SMS_PER_MINUTE: '1000' });
  // Callbacks are signed over PUBLIC_BASE_URL (https://switchboard.test) but posted to the app's real port.
  sim.deliverCallbacksTo(app.url);
  owner = await createAccount(app);
  senderId = await registerSenderId(app, owner, 'SWITCH');
});
afterAll(async () => {
  await sim.callbacksIdle();
  await app.close();
  await sim.close();
});
beforeEach(() => {
  sim.configure({ failureRate: 0, throttleRate: 0, lostResponseRate: 0, undeliveredRate: 0 });
});

const send = (recipients: string[], message = 'Hello through the simulated provider') =>
  app.http.post('/api/messaging/sms/send/', { message, recipients, sender_id: senderId }, { token: owner.token });
const statuses = async (ids: number[]) => (await app.owner.query('select status from messages where id = any($1) order by id', [ids])).rows.map((r) => r.status as string);

test('when SMS go through the Twilio adapter to the simulated server, then its log holds them and signed callbacks deliver them', async () => {
  const to = [usNumber(), usNumber(), usNumber()];
  const res = await send(to);
  expect(res.status).toBe(200);
  expect(res.body.data).toMatchObject({ provider: 'twilio', simulated: false, sent_count: 3 });
  const logged = (await (await fetch(`${sim.url}/log`)).json()) as { messages: unknown[] };
  for (const number of to) expect(logged.messages).toContainEqual(expect.objectContaining({ to: number, from: senderId, body: 'Hello through the simulated provider' }));
  const ids = res.body.data.message_ids as number[];
  expect(await eventually(() => statuses(ids), (s) => s.every((x) => x === 'delivered'))).toEqual(['delivered', 'delivered', 'delivered']);
  expect(sim.stats().callbacks_failed).toBe(0);
});

test('when the provider throttles, then the message fails as refused and nothing is logged', async () => {
  sim.configure({ throttleRate: 1 });
  const to = usNumber();
  const res = await send([to]);
  expect(res.body.data.messages[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('429') });
  expect(sim.log().filter((m) => m.to === to)).toHaveLength(0);
});

test('when the answer to an accepted send is lost, then reconciliation finds the message instead of failing it', async () => {
  sim.configure({ lostResponseRate: 1 });
  const to = usNumber();
  const res = await send([to], 'Lost answer, delivered anyway');
  const [message] = res.body.data.messages;
  const [logged] = sim.log().filter((m) => m.to === to);
  expect(message).toMatchObject({ status: 'queued', provider_message_id: logged.sid });
  expect(await eventually(() => statuses([message.id]), (s) => s[0] === 'delivered')).toEqual(['delivered']);
});

test('when the provider fails without accepting, then reconciliation finds nothing and the message fails', async () => {
  sim.configure({ failureRate: 1 });
  const res = await send([usNumber()]);
  expect(res.body.data.messages[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('500') });
});

test('when a carrier cannot deliver, then the final callback marks the message undelivered', async () => {
  sim.configure({ undeliveredRate: 1 });
  const res = await send([usNumber()]);
  const ids = res.body.data.message_ids as number[];
  expect(await eventually(() => statuses(ids), (s) => s[0] === 'undelivered')).toEqual(['undelivered']);
});

test('when sends to a number are listed for reconciliation, then the adapter reads them back from the server', async () => {
  const to = usNumber();
  await send([to], 'first');
  await send([to], 'second');
  const provider = new TwilioSmsProvider({ accountSid: ACCOUNT, authToken: TOKEN, apiBaseUrl: sim.url });
  const found = await provider.listSentTo(to, new Date(Date.now() - 60_000));
  expect(found.map((m) => m.body)).toEqual(['second', 'first']);
  expect(await provider.balance()).toEqual({ balance: 1000, currency: 'USD', simulated: false });
  expect(await provider.testConnection()).toMatchObject({ ok: true });
});

test('when numbers are registered through the Twilio adapter, then only those the server’s account holds are accepted', async () => {
  const held = simulatedAccountNumber();
  const registered = await app.http.post('/api/messaging/numbers/', { phone_number: held }, { token: owner.token });
  expect(registered.status).toBe(201);
  const refused = await app.http.post('/api/messaging/numbers/', { phone_number: usNumber() }, { token: owner.token });
  expect(refused.status).toBe(400);
  expect(refused.body.errors.phone_number[0]).toContain('twilio account');
});
