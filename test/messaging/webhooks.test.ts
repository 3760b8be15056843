import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { buyNumber, postSignedWebhook, usNumber } from './support.js';

const STATUS = '/api/messaging/webhooks/twilio/status/';
const INBOUND = '/api/messaging/webhooks/twilio/inbound/';

let app: TestApp;
let owner: TestAccount;
let tenantNumber: string;

beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount({ RATE_LIMIT_SMS_PER_MINUTE: '1000' }));
  tenantNumber = await buyNumber(app, owner);
  await app.owner.query(`update tenants set settings = '{"help_text": "Acme support: call 555-0100."}' where id = $1`, [owner.tenantId]);
});
afterAll(() => app.close());

async function sendOne(to = usNumber()) {
  const res = await app.http.post('/api/messaging/sms/send/', { message: 'Your order shipped', recipients: [to] }, { token: owner.token });
  expect(res.status).toBe(200);
  return res.body.data.messages[0] as { id: number; provider_message_id: string; to: string };
}

const statusOf = async (id: number) => (await app.owner.query('select status, sent_at, delivered_at, error_code from messages where id = $1', [id])).rows[0];
const callback = (sid: string, status: string, extra: Record<string, string> = {}, path = STATUS) =>
  postSignedWebhook(app, path, { AccountSid: 'ACsimulated', MessageSid: sid, MessageStatus: status, ...extra });
const sms = (from: string, body: string, sid = `SM${Math.random().toString(16).slice(2).padEnd(32, '0')}`) => ({ AccountSid: 'ACx', MessageSid: sid, From: from, To: tenantNumber, Body: body });

test('when delivery callbacks arrive in order, then the status advances and timestamps are set', async () => {
  const m = await sendOne();
  expect((await callback(m.provider_message_id, 'sent')).status).toBe(200);
  expect(await statusOf(m.id)).toMatchObject({ status: 'sent', sent_at: expect.any(Date), delivered_at: null });
  const res = await callback(m.provider_message_id, 'delivered');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/xml');
  expect(await statusOf(m.id)).toMatchObject({ status: 'delivered', delivered_at: expect.any(Date) });
});

test('when a late sent or a repeated delivered arrives, then delivered stays', async () => {
  const m = await sendOne();
  await callback(m.provider_message_id, 'delivered');
  const before = await statusOf(m.id);
  expect((await callback(m.provider_message_id, 'sent')).status).toBe(200);
  expect((await callback(m.provider_message_id, 'delivered')).status).toBe(200);
  expect((await callback(m.provider_message_id, 'queued')).status).toBe(200);
  expect(await statusOf(m.id)).toEqual(before);
});

test('when a message fails, then no later status revives it', async () => {
  const m = await sendOne();
  await callback(m.provider_message_id, 'undelivered', { ErrorCode: '30003' });
  await callback(m.provider_message_id, 'delivered');
  expect(await statusOf(m.id)).toMatchObject({ status: 'undelivered', error_code: '30003' });
});

test('when a callback names our message id but a SID we never recorded, then it finds the message by id', async () => {
  const id = (await app.owner.query(
    `insert into messages (tenant_id, direction, to_number, body, status, provider) values ($1, 'outbound', $2, 'x', 'queued', 'twilio') returning id`,
    [owner.tenantId, usNumber()],
  )).rows[0].id;
  const res = await callback('SMlostanswer000000000000000000001', 'sent', {}, `${STATUS}?message_id=${id}`);
  expect(res.status).toBe(200);
  expect((await app.owner.query('select status, provider_message_id from messages where id = $1', [id])).rows[0]).toEqual({ status: 'sent', provider_message_id: 'SMlostanswer000000000000000000001' });
});

test('when a callback has a forged signature, then it is refused with 403 and nothing changes', async () => {
  const m = await sendOne();
  const forged = await postSignedWebhook(app, STATUS, { MessageSid: m.provider_message_id, MessageStatus: 'delivered' }, { secret: 'not-the-secret' });
  expect(forged.status).toBe(403);
  const unsigned = await postSignedWebhook(app, STATUS, { MessageSid: m.provider_message_id, MessageStatus: 'delivered' }, { signature: '' });
  expect(unsigned.status).toBe(403);
  // Signed for another URL (the scheme a proxy strips): still refused.
  const { webhookSigningSecret } = await import('../../src/app/messaging/webhook-signing-secret.js');
  const { signWebhook } = await import('../../src/domain/messaging/webhook-signature.js');
  const params = { MessageSid: m.provider_message_id, MessageStatus: 'delivered' };
  const wrongUrl = signWebhook(webhookSigningSecret(app.config), `http://localhost${STATUS}`, params);
  expect((await postSignedWebhook(app, STATUS, params, { signature: wrongUrl })).status).toBe(403);
  // Signed params, then one changed in transit.
  const tampered = signWebhook(webhookSigningSecret(app.config), `${app.config.publicBaseUrl}${STATUS}`, { ...params, MessageStatus: 'sent' });
  expect((await postSignedWebhook(app, STATUS, params, { signature: tampered })).status).toBe(403);
  expect((await statusOf(m.id)).status).toBe('queued');
});

test('when a contact replies, then the message threads into the conversation of that number pair', async () => {
  const contactNumber = usNumber();
  const sent = await sendOne(contactNumber);
  const res = await postSignedWebhook(app, INBOUND, sms(contactNumber, 'Thanks, when will it arrive?'));
  expect(res.status).toBe(200);
  expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  const rows = await app.owner.query('select direction, conversation_id, status from messages where tenant_id = $1 and (to_number = $2 or from_number = $2) order by id', [owner.tenantId, contactNumber]);
  expect(rows.rows.map((r) => [r.direction, r.status])).toEqual([['outbound', 'queued'], ['inbound', 'received']]);
  expect(new Set(rows.rows.map((r) => r.conversation_id)).size).toBe(1);
  const conversation = await app.http.get(`/api/messaging/conversations/${rows.rows[0].conversation_id}/`, { token: owner.token });
  expect(conversation.body.data).toMatchObject({ contact_phone: contactNumber, tenant_number: tenantNumber, message_count: 2, unread_count: 1, last_message_text: 'Thanks, when will it arrive?' });
  expect(conversation.body.data.messages.map((m: { id: number }) => m.id)[0]).toBe(sent.id);
});

test('when the same inbound message is delivered twice, then it is stored once and answered once', async () => {
  const from = usNumber();
  const payload = sms(from, 'HELP');
  const first = await postSignedWebhook(app, INBOUND, payload);
  expect(first.text).toContain('<Message>Acme support: call 555-0100.</Message>');
  const second = await postSignedWebhook(app, INBOUND, payload);
  expect(second.status).toBe(200);
  expect(second.text).not.toContain('<Message>');
  const rows = await app.owner.query("select 1 from messages where tenant_id = $1 and from_number = $2 and direction = 'inbound'", [owner.tenantId, from]);
  expect(rows.rowCount).toBe(1);
});

test('when a contact texts STOP and later START, then they are opted out and back in', async () => {
  const from = usNumber();
  const stop = await postSignedWebhook(app, INBOUND, sms(from, ' Stop '));
  expect(stop.text).toContain('unsubscribed');
  const contact = async () => (await app.owner.query('select is_opted_in, opt_out_at, opt_out_reason from contacts where tenant_id = $1 and phone_e164 = $2', [owner.tenantId, from])).rows[0];
  expect(await contact()).toMatchObject({ is_opted_in: false, opt_out_at: expect.any(Date), opt_out_reason: 'Replied STOP' });
  const blocked = await app.http.post('/api/messaging/sms/send/', { message: 'Sale!', recipients: [from] }, { token: owner.token });
  expect(blocked.status).toBe(400);
  expect(blocked.body.errors.recipients[0]).toMatch(/opted out/);

  const start = await postSignedWebhook(app, INBOUND, sms(from, 'START'));
  expect(start.text).toContain('resubscribed');
  expect(await contact()).toMatchObject({ is_opted_in: true, opt_out_at: null });
});

test.each(['STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'])('when a contact texts %s, then they are opted out', async (word) => {
  const from = usNumber();
  await postSignedWebhook(app, INBOUND, sms(from, word.toLowerCase()));
  const row = (await app.owner.query('select is_opted_in, opt_out_at from contacts where tenant_id = $1 and phone_e164 = $2', [owner.tenantId, from])).rows[0];
  expect(row.opt_out_at).not.toBeNull();
});

test('when an inbound message is forged, then it is refused and nothing is stored', async () => {
  const from = usNumber();
  const res = await postSignedWebhook(app, INBOUND, sms(from, 'STOP'), { secret: 'guess' });
  expect(res.status).toBe(403);
  const rows = await app.owner.query('select 1 from contacts where phone_e164 = $1', [from]);
  expect(rows.rowCount).toBe(0);
});

test('when seed 002 posts to /api/sms/receive/, then it answers TwiML with the acknowledgement', async () => {
  const res = await postSignedWebhook(app, '/api/sms/receive/', sms(usNumber(), 'Help me debug this Python code'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/xml');
  expect(res.text).toContain("<Message>Thank you for your message! I'm processing your request and will respond shortly.</Message>");
  expect((await postSignedWebhook(app, '/api/sms/receive/', sms(usNumber(), 'hi'), { secret: 'nope' })).status).toBe(403);
});

test('when a number no tenant owns receives a message, then it is answered empty and not stored', async () => {
  const res = await postSignedWebhook(app, INBOUND, { MessageSid: 'SMnobody', From: usNumber(), To: usNumber(), Body: 'hello?' });
  expect(res.status).toBe(200);
  expect(res.text).toContain('<Response/>');
});
