import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { buyNumber, registerSenderId, usNumber } from './support.js';

let app: TestApp;
let owner: TestAccount;
let tenantNumber: string;

beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount({ RATE_LIMIT_SMS_PER_MINUTE: '1000' }));
  tenantNumber = await buyNumber(app, owner);
});
afterAll(() => app.close());

const send = (body: unknown, account = owner) => app.http.post('/api/messaging/sms/send/', body, { token: account.token });

test('when an SMS goes to valid, duplicate and invalid numbers, then only the distinct valid ones are sent and the rest reported', async () => {
  const a = usNumber();
  const b = usNumber();
  const res = await send({ message: 'Hello from Switchboard!', recipients: [a, b, a.replace('+1', ''), 'not-a-number', '12'], sender_id: tenantNumber });
  expect(res.status).toBe(200);
  expect(res.body.success).toBe(true);
  const data = res.body.data;
  expect(data.message_ids).toHaveLength(2);
  expect(data.messages.map((m: { to: string }) => m.to)).toEqual([a, b]);
  expect(data.messages.every((m: { status: string; provider_message_id: string }) => m.status === 'queued' && m.provider_message_id.startsWith('SM'))).toBe(true);
  expect(data).toMatchObject({ sent_count: 2, failed_count: 0, segments: 1, encoding: 'GSM-7', cost: 0.5, cost_per_message: 0.25, currency: 'USD', simulated: true, provider: 'simulated' });
  expect(data.invalid_recipients.map((r: { input: string }) => r.input)).toEqual(['not-a-number', '12']);
  expect(data.duplicate_recipients).toEqual([{ input: a.replace('+1', ''), e164: a }]);

  const rows = await app.owner.query('select to_number, from_number, status, segments, cost, direction, conversation_id from messages where id = any($1) order by id', [data.message_ids]);
  expect(rows.rows).toEqual([
    expect.objectContaining({ to_number: a, from_number: tenantNumber, status: 'queued', segments: 1, cost: 0.25, direction: 'outbound' }),
    expect.objectContaining({ to_number: b, status: 'queued' }),
  ]);
  expect(rows.rows[0].conversation_id).not.toBeNull();
});

test('when the message is empty, then it is refused with a field error', async () => {
  const res = await send({ message: '', recipients: [usNumber()] });
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ success: false, errors: { message: [expect.any(String)] } });
});

test('when the message needs more than 10 segments, then it is refused and nothing is stored', async () => {
  const to = usNumber();
  const res = await send({ message: 'x'.repeat(153 * 10 + 1), recipients: [to] });
  expect(res.status).toBe(400);
  expect(res.body.errors.message[0]).toMatch(/11 segments/);
  const rows = await app.owner.query('select 1 from messages where to_number = $1', [to]);
  expect(rows.rowCount).toBe(0);
});

test('when exactly 10 UCS-2 segments are sent, then the cost counts every segment', async () => {
  const res = await send({ message: 'ł'.repeat(670), recipients: [usNumber()] });
  expect(res.status).toBe(200);
  expect(res.body.data).toMatchObject({ segments: 10, encoding: 'UCS-2', cost: 2.5 });
});

test('when no recipient is valid, then the request is refused', async () => {
  const res = await send({ message: 'Hi', recipients: ['abc', '123'] });
  expect(res.status).toBe(400);
  expect(res.body.errors.recipients[0]).toMatch(/2 invalid/);
});

test('when the sender is a number the tenant does not own, then it is refused', async () => {
  const other = await createAccount(app);
  const res = await send({ message: 'Hi', recipients: [usNumber()], sender_id: tenantNumber }, other);
  expect(res.status).toBe(400);
  expect(res.body.errors.sender_id).toBeDefined();
});

test('when a recipient opted out, then they are reported and not sent', async () => {
  const optedOut = usNumber();
  await app.owner.query(`insert into contacts (tenant_id, phone_e164, is_opted_in, opt_out_at, opt_out_reason) values ($1, $2, false, now(), 'Replied STOP')`, [owner.tenantId, optedOut]);
  const fine = usNumber();
  const res = await send({ message: 'Deal of the day', recipients: [optedOut, fine] });
  expect(res.status).toBe(200);
  expect(res.body.data.opted_out_recipients).toEqual([{ input: optedOut, e164: optedOut }]);
  expect(res.body.data.messages.map((m: { to: string }) => m.to)).toEqual([fine]);
});

test('when the tenant sets a price per segment, then costs use it', async () => {
  const account = await createAccount(app);
  await app.owner.query(`update tenants set settings = '{"sms_price_per_segment": 0.0079, "sms_currency": "EUR"}' where id = $1`, [account.tenantId]);
  const senderId = await registerSenderId(app, account, 'ACME');
  const res = await send({ message: 'a'.repeat(200), recipients: [usNumber(), usNumber()], sender_id: senderId }, account);
  expect(res.body.data).toMatchObject({ segments: 2, cost: 0.0316, currency: 'EUR', sender_id: senderId });
});

test('when a message status is asked, then it answers by our id and by provider SID, and not for another tenant', async () => {
  const sent = await send({ message: 'Status?', recipients: [usNumber()] });
  const [message] = sent.body.data.messages;
  const byId = await app.http.get(`/api/messaging/sms/${message.id}/status/`, { token: owner.token });
  expect(byId.status).toBe(200);
  expect(byId.body.data).toMatchObject({ id: message.id, status: 'queued', provider_message_id: message.provider_message_id });
  const bySid = await app.http.get(`/api/messaging/sms/${message.provider_message_id}/status/`, { token: owner.token });
  expect(bySid.body.data.id).toBe(message.id);
  const stranger = await createAccount(app);
  expect((await app.http.get(`/api/messaging/sms/${message.id}/status/`, { token: stranger.token })).status).toBe(404);
});

test('when a phone number is validated, then it answers valid, E.164, country and type', async () => {
  const res = await app.http.post('/api/messaging/sms/validate-phone/', { phone_number: '(201) 555-0123' }, { token: owner.token });
  expect(res.body.data).toMatchObject({ valid: true, e164: '+12015550123', country: 'US', type: 'fixed_line_or_mobile' });
  const tz = await app.http.post('/api/messaging/sms/validate-phone/', { phone_number: '255712345678' }, { token: owner.token });
  expect(tz.body.data).toMatchObject({ valid: true, e164: '+255712345678', country: 'TZ', type: 'mobile' });
  const bad = await app.http.post('/api/messaging/sms/validate-phone/', { phone_number: '12345' }, { token: owner.token });
  expect(bad.body.data).toMatchObject({ valid: false, e164: null });
  expect((await app.http.post('/api/messaging/sms/validate-phone/', {}, { token: owner.token })).status).toBe(400);
});

test('when balance, connection and statistics are asked in simulated mode, then they say so', async () => {
  const balance = await app.http.get('/api/messaging/sms/balance/', { token: owner.token });
  expect(balance.body.data).toMatchObject({ simulated: true, provider: 'simulated', currency: 'USD' });
  const connection = await app.http.get('/api/messaging/sms/test-connection/', { token: owner.token });
  expect(connection.body.data).toMatchObject({ connected: true, simulated: true });
  const stats = await app.http.get('/api/messaging/sms/stats/', { token: owner.token });
  expect(stats.status).toBe(200);
  expect(stats.body.data.total_sent).toBeGreaterThanOrEqual(5);
  expect(stats.body.data).toMatchObject({ period_days: 30, currency: 'USD' });
  expect((await app.http.get('/api/messaging/sms/stats/')).status).toBe(401);
});
