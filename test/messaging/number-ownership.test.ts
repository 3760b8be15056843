import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { withTenant } from '../../src/db/tenant-scope.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { createAgentActivities } from '../../src/activities/agent/agent.activities.js';
import { loadBatchContext } from '../../src/activities/campaigns/batch-context.js';
import { SimulatedSmsProvider } from '../../src/domain/messaging/providers/simulated-sms-provider.js';
import { buyNumber, postSignedWebhook, registerSenderId, simulatedAccountNumber, usNumber } from './support.js';

const INBOUND = '/api/messaging/webhooks/twilio/inbound/';
const SEED_002 = '/api/sms/receive/';

let app: TestApp;
let a: TestAccount;
let b: TestAccount;

beforeAll(async () => {
  ({ app, account: a } = await startTestAppWithAccount({ RATE_LIMIT_SMS_PER_MINUTE: '1000' }));
  b = await createAccount(app);
  await app.owner.query(`update tenants set settings = '{"help_text": "Tenant A help desk."}' where id = $1`, [a.tenantId]);
  await app.owner.query(`update tenants set settings = '{"help_text": "Tenant B help desk."}' where id = $1`, [b.tenantId]);
});
afterAll(() => app.close());

const as = (account: TestAccount) => ({ token: account.token });
const register = (account: TestAccount, phone: string) => app.http.post('/api/messaging/numbers/', { phone_number: phone }, as(account));
const smsSend = (account: TestAccount, senderId: string) => app.http.post('/api/messaging/sms/send/', { message: 'Hello', recipients: [usNumber()], sender_id: senderId }, as(account));
let sid = 0;
const inbound = (to: string, from: string, body: string) => ({ AccountSid: 'ACx', MessageSid: `SMown${Date.now().toString(16)}${(sid++).toString().padStart(6, '0')}`, From: from, To: to, Body: body });
const tenantRows = async (tenantId: number, phone: string) => ({
  messages: (await app.owner.query('select direction, body from messages where tenant_id = $1 and (from_number = $2 or to_number = $2) order by id', [tenantId, phone])).rows,
  contacts: (await app.owner.query('select is_opted_in from contacts where tenant_id = $1 and phone_e164 = $2', [tenantId, phone])).rows,
});

describe('a number bought through channels', () => {
  test('when tenant A buys a number, then it is in A’s numbers at once, A sends from it, and B cannot register it', async () => {
    const number = await buyNumber(app, a);
    const listed = await app.http.get('/api/messaging/numbers/', as(a));
    expect(listed.body.data.results).toEqual([expect.objectContaining({ phone_e164: number, is_default: true, channel_id: expect.any(String) })]);
    const sent = await smsSend(a, number);
    expect(sent.status).toBe(200);
    expect(sent.body.data.sender_id).toBe(number);

    const taken = await register(b, number);
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({ success: false, errors: { phone_number: [expect.any(String)] } });
    expect((await app.http.get('/api/messaging/numbers/', as(b))).body.data.count).toBe(0);
  });

  test('when B has tried to take A’s number, then SMS, STOP and HELP to it reach A only, answered with A’s texts', async () => {
    const number = await buyNumber(app, a);
    await register(b, number);
    const contact = usNumber();
    await app.owner.query('insert into contacts (tenant_id, phone_e164, is_opted_in) values ($1, $2, true)', [b.tenantId, contact]);

    expect((await postSignedWebhook(app, INBOUND, inbound(number, contact, 'Is my order ready?'))).status).toBe(200);
    const help = await postSignedWebhook(app, INBOUND, inbound(number, contact, 'HELP'));
    expect(help.text).toContain('<Message>Tenant A help desk.</Message>');
    const stop = await postSignedWebhook(app, INBOUND, inbound(number, contact, 'STOP'));
    expect(stop.text).toContain('unsubscribed');
    const agentHook = await postSignedWebhook(app, SEED_002, inbound(number, contact, 'HELP'));
    expect(agentHook.text).toContain('Tenant A help desk.');

    const seenByA = await tenantRows(a.tenantId, contact);
    expect(seenByA.messages.filter((m) => m.direction === 'inbound').map((m) => m.body)).toEqual(['Is my order ready?', 'HELP', 'STOP', 'HELP']);
    expect(seenByA.contacts).toEqual([{ is_opted_in: false }]);
    const seenByB = await tenantRows(b.tenantId, contact);
    expect(seenByB).toEqual({ messages: [], contacts: [{ is_opted_in: true }] });
    const bConversations = await app.http.get('/api/messaging/conversations/', as(b));
    expect(bConversations.body.data.count).toBe(0);
  });

  test('when B has tried to take A’s number, then B cannot send from it by SMS, message or conversation', async () => {
    const number = await buyNumber(app, a);
    await register(b, number);
    const refused = await smsSend(b, number);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.sender_id[0]).toContain('not one of this tenant');
    const message = await app.http.post('/api/messaging/messages/', { to: usNumber(), text: 'Hi', sender_id: number }, as(b));
    expect(message.status).toBe(400);
    expect(message.body.errors.sender_id).toBeDefined();
    const conversation = await app.http.post('/api/messaging/conversations/', { phone: usNumber(), sender_id: number }, as(b));
    expect(conversation.status).toBe(400);
    expect((await app.owner.query('select 1 from messages where tenant_id = $1 and from_number = $2', [b.tenantId, number])).rowCount).toBe(0);
  });

  test('when A releases the channel, then the number is A’s no more: not listed, not a sender, its inbound delivered to nobody', async () => {
    const account = await createAccount(app);
    const number = await buyNumber(app, account);
    const [channel] = (await app.http.get('/api/channels/', as(account))).body;
    const own = (await app.http.get('/api/messaging/numbers/', as(account))).body.data.results[0];
    const kept = await app.http.delete(`/api/messaging/numbers/${own.id}/`, as(account));
    expect(kept.status).toBe(409);
    expect(kept.body.message).toContain(`/api/channels/${channel.id}`);

    expect((await app.http.delete(`/api/channels/${channel.id}`, as(account))).status).toBe(200);
    expect((await app.http.get('/api/messaging/numbers/', as(account))).body.data.count).toBe(0);
    expect((await smsSend(account, number)).status).toBe(400);
    const contact = usNumber();
    const hook = await postSignedWebhook(app, INBOUND, inbound(number, contact, 'STOP'));
    expect(hook.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect((await app.owner.query('select 1 from contacts where phone_e164 = $1', [contact])).rowCount).toBe(0);
  });
});

describe('agent replies', () => {
  test('when the agent would reply from a number its tenant does not own, then the send is refused and nothing goes out', async () => {
    const number = await buyNumber(app, a);
    const sms = new SimulatedSmsProvider();
    const activities = createAgentActivities({ db: app.db, sms, languageModel: undefined as never });
    const to = usNumber();
    // As the worker runs an activity: in the tenant its workflow names.
    const sendAs = (tenantId: number) => withTenant(tenantId, () => activities.agentSendSms({ tenantId, to, from: number, body: 'Hi' }));
    await expect(sendAs(b.tenantId)).rejects.toMatchObject({ type: 'sms_send_failed', nonRetryable: true });
    expect(await sms.listSentTo(to, new Date(0))).toEqual([]);
    await expect(sendAs(a.tenantId)).resolves.toMatchObject({ simulated: true });
    expect((await sms.listSentTo(to, new Date(0))).map((m) => m.from)).toEqual([number]);
  });
});

describe('campaign sends', () => {
  test('when a campaign batch picks its sender, then it is the tenant’s own bought number', async () => {
    const account = await createAccount(app);
    const number = await buyNumber(app, account);
    const campaign = await app.http.post('/api/messaging/campaigns/', { name: 'Ownership', campaign_type: 'sms', message_text: 'Hi' }, as(account));
    expect(campaign.status).toBe(201);
    const run = await app.owner.query<{ id: number }>(
      `insert into campaign_runs (campaign_id, tenant_id, workflow_id, message_text) values ($1, $2, 'campaign-ownership-test', 'Hi') returning id`,
      [campaign.body.data.id, account.tenantId],
    );
    expect((await withTenant(account.tenantId, () => loadBatchContext(app.db.pool, run.rows[0].id, account.tenantId))).from).toBe(number);
  });
});

describe('registering a number', () => {
  test('when a number is registered, then only one the provider account holds is accepted, and by its first tenant only', async () => {
    const account = await createAccount(app);
    const unproven = usNumber();
    const refused = await register(account, unproven);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.phone_number[0]).toContain('generate-phone-number');
    expect((await app.owner.query('select 1 from tenant_numbers where phone_e164 = $1', [unproven])).rowCount).toBe(0);

    const held = simulatedAccountNumber();
    expect((await register(account, held)).status).toBe(201);
    expect((await register(b, held)).status).toBe(400);
    expect((await smsSend(b, held)).status).toBe(400);
    expect((await smsSend(account, held)).body.data.sender_id).toBe(held);
  });

  test('when the registry is written directly with a second owner for a number, then the database refuses it', async () => {
    const number = await buyNumber(app, a);
    await expect(app.owner.query('insert into tenant_numbers (tenant_id, phone_e164) values ($1, $2)', [b.tenantId, number])).rejects.toMatchObject({ code: '23505' });
  });
});

describe('inbound to a number nobody owns', () => {
  test('when seed 002’s webhook gets a message for a number nobody owns, then it answers empty TwiML and stores nothing', async () => {
    const contact = usNumber();
    const res = await postSignedWebhook(app, SEED_002, inbound(usNumber(), contact, 'Help me debug this'));
    expect(res.status).toBe(200);
    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect((await app.owner.query('select 1 from messages where from_number = $1 union all select 1 from contacts where phone_e164 = $1', [contact])).rowCount).toBe(0);
  });

  test('when the owner lookup is read, then it is the security-definer function xt_number_owner', async () => {
    const { rows } = await app.owner.query(`select prosecdef, proconfig from pg_proc where proname = 'xt_number_owner'`);
    expect(rows).toEqual([{ prosecdef: true, proconfig: ['search_path=public'] }]);
    const number = await buyNumber(app, b);
    expect((await app.owner.query('select xt_number_owner($1) as owner', [number])).rows[0].owner).toBe(b.tenantId);
    expect((await app.owner.query('select xt_number_owner($1) as owner', [usNumber()])).rows[0].owner).toBeNull();
  });
});

describe('alphanumeric sender IDs', () => {
  test('when a tenant sends as an alphanumeric ID it has not registered, then it is refused and nothing is sent', async () => {
    const res = await smsSend(a, 'NOTMINE');
    expect(res.status).toBe(400);
    expect(res.body.errors.sender_id[0]).toContain('/api/messaging/sender-ids/');
    const conversation = await app.http.post('/api/messaging/conversations/', { phone: usNumber(), sender_id: 'NOTMINE' }, as(a));
    expect(conversation.status).toBe(400);
    expect((await app.owner.query(`select 1 from messages where from_number = 'NOTMINE'`)).rowCount).toBe(0);
  });

  test('when a tenant registers an alphanumeric ID, then it sends as it, and no other tenant can register or use it in any case', async () => {
    const senderId = await registerSenderId(app, a, 'SHOP');
    const sent = await smsSend(a, senderId.toLowerCase());
    expect(sent.status).toBe(200);
    expect(sent.body.data.sender_id).toBe(senderId);
    expect((await app.http.get('/api/messaging/sender-ids/', as(a))).body.data.results).toEqual([expect.objectContaining({ sender_id: senderId })]);

    const taken = await app.http.post('/api/messaging/sender-ids/', { sender_id: senderId.toLowerCase() }, as(b));
    expect(taken.status).toBe(400);
    expect(taken.body.errors.sender_id).toBeDefined();
    expect((await smsSend(b, senderId)).status).toBe(400);
    const member = await createAccount(app, { role: 'member', tenantId: b.tenantId });
    expect((await app.http.post('/api/messaging/sender-ids/', { sender_id: 'MEMBERID' }, as(member))).status).toBe(403);
    expect((await app.http.post('/api/messaging/sender-ids/', { sender_id: 'TOO LONG SENDER' }, as(b))).status).toBe(400);
  });
});
