import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { buyNumber, simulatedAccountNumber, usNumber } from './support.js';

let app: TestApp;
let owner: TestAccount;
let tenantNumber: string;

beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount({ RATE_LIMIT_SMS_PER_MINUTE: '1000' }));
  tenantNumber = await buyNumber(app, owner);
});
afterAll(() => app.close());

const as = (account = owner) => ({ token: account.token });

async function contact(fields: Record<string, unknown>, tenantId = owner.tenantId) {
  const { rows } = await app.owner.query(
    `insert into contacts (tenant_id, first_name, last_name, phone_e164, tags, attributes, is_opted_in, is_active, company)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, fields.first_name ?? 'Test', fields.last_name ?? '', fields.phone ?? usNumber(), fields.tags ?? [], JSON.stringify(fields.attributes ?? {}), fields.is_opted_in ?? true, fields.is_active ?? true, fields.company ?? null],
  );
  return rows[0].id as number;
}

describe('templates', () => {
  test('when a template is created, read, listed, updated and deleted, then each answer is enveloped', async () => {
    const created = await app.http.post('/api/messaging/templates/', { name: 'Welcome', body_text: 'Hi {{first_name}}, welcome to {{ attributes.city }}!', category: 'onboarding' }, as());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, data: { name: 'Welcome', variables: ['first_name', 'attributes.city'], category: 'onboarding', usage_count: 0 } });
    const id = created.body.data.id;
    expect((await app.http.get(`/api/messaging/templates/${id}/`, as())).body.data.body_text).toContain('{{first_name}}');
    const list = await app.http.get('/api/messaging/templates/?page_size=1', as());
    expect(list.body.data).toMatchObject({ count: 1, next: null, previous: null, results: [expect.objectContaining({ id })] });
    const updated = await app.http.put(`/api/messaging/templates/${id}/`, { body: 'Hello {{name}}' }, as());
    expect(updated.body.data).toMatchObject({ body_text: 'Hello {{name}}', variables: ['name'], name: 'Welcome' });
    expect((await app.http.delete(`/api/messaging/templates/${id}/`, as())).body).toMatchObject({ success: true });
    expect((await app.http.get(`/api/messaging/templates/${id}/`, as())).status).toBe(404);
  });

  test('when a template names an unknown variable, then saving it is refused', async () => {
    const res = await app.http.post('/api/messaging/templates/', { name: 'Typo', body_text: 'Hi {{frist_name}} and {{discount}}' }, as());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, message: 'Validation failed' });
    expect(res.body.errors.body_text[0]).toMatch(/frist_name, discount/);
    const ok = await app.http.post('/api/messaging/templates/', { name: 'Ok', body_text: 'Hi' }, as());
    const update = await app.http.put(`/api/messaging/templates/${ok.body.data.id}/`, { body_text: 'Hi {{nope}}' }, as());
    expect(update.status).toBe(400);
  });

  test('when a name is taken or the body missing, then field errors say so', async () => {
    await app.http.post('/api/messaging/templates/', { name: 'Twice', body_text: 'a' }, as());
    expect((await app.http.post('/api/messaging/templates/', { name: 'twice', body_text: 'b' }, as())).body.errors.name).toBeDefined();
    expect((await app.http.post('/api/messaging/templates/', { name: 'No body' }, as())).body.errors.body_text).toEqual(['This field is required.']);
  });

  test('when another tenant asks for a template, then it is not found', async () => {
    const created = await app.http.post('/api/messaging/templates/', { name: 'Private', body_text: 'x' }, as());
    const stranger = await createAccount(app);
    expect((await app.http.get(`/api/messaging/templates/${created.body.data.id}/`, as(stranger))).status).toBe(404);
    expect((await app.http.delete(`/api/messaging/templates/${created.body.data.id}/`, as(stranger))).status).toBe(404);
  });
});

describe('segments', () => {
  test('when a segment is created, then its contacts are counted in SQL and recounted on request', async () => {
    const account = await createAccount(app);
    await contact({ tags: ['vip'], attributes: { city: 'Arusha', tier: 'gold' } }, account.tenantId);
    await contact({ tags: ['vip', 'new'], attributes: { city: 'Mwanza', tier: 1 } }, account.tenantId);
    await contact({ tags: ['vip'], is_opted_in: false }, account.tenantId);
    await contact({ tags: ['other'] }, account.tenantId);
    const created = await app.http.post('/api/messaging/segments/', { name: 'VIPs', filter_json: { tags: ['VIP'], opt_in_status: 'opted_in', attributes: { tier: { in: ['gold', '1'] } } } }, as(account));
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'VIPs', contact_count: 2, filter_json: { tags: ['vip'], opt_in_status: 'opted_in' } });
    const id = created.body.data.id;

    await contact({ tags: ['vip'], attributes: { tier: 'gold' } }, account.tenantId);
    expect((await app.http.get(`/api/messaging/segments/${id}/`, as(account))).body.data.contact_count).toBe(2);
    const recount = await app.http.post(`/api/messaging/segments/${id}/update-count/`, undefined, as(account));
    expect(recount.body.data.contact_count).toBe(3);

    const narrowed = await app.http.put(`/api/messaging/segments/${id}/`, { criteria: { attributes: { city: 'Arusha' } } }, as(account));
    expect(narrowed.body.data).toMatchObject({ contact_count: 1, criteria: { attributes: { city: 'Arusha' } } });
    const everyone = await app.http.post('/api/messaging/segments/', { name: 'All' }, as(account));
    expect(everyone.body.data.contact_count).toBe(5);
    expect((await app.http.get('/api/messaging/segments/', as(account))).body.data.count).toBe(2);
    expect((await app.http.delete(`/api/messaging/segments/${id}/`, as(account))).status).toBe(200);
  });

  test('when a criterion names an unknown field or operator, then the segment is refused', async () => {
    const unknownField = await app.http.post('/api/messaging/segments/', { name: 'Bad', filter_json: { tagz: ['vip'] } }, as());
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors.filter_json[0]).toMatch(/tagz/);
    const badOperator = await app.http.post('/api/messaging/segments/', { name: 'Bad', criteria: { attributes: { city: { like: 'A%' } } } }, as());
    expect(badOperator.status).toBe(400);
    const badStatus = await app.http.post('/api/messaging/segments/', { name: 'Bad', filter_json: { opt_in_status: 'maybe' } }, as());
    expect(badStatus.body.errors['filter_json.opt_in_status']).toBeDefined();
  });
});

describe('conversations and messages', () => {
  test('when a conversation is opened with a contact, then it is created once and can be updated', async () => {
    const phone = usNumber();
    const contactId = await contact({ first_name: 'Amina', last_name: 'Juma', phone });
    const created = await app.http.post('/api/messaging/conversations/', { contact: contactId, subject: 'Order 42' }, as());
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ contact: contactId, contact_name: 'Amina Juma', contact_phone: phone, tenant_number: tenantNumber, status: 'open', subject: 'Order 42', messages: [] });
    const again = await app.http.post('/api/messaging/conversations/', { phone }, as());
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(created.body.data.id);
    const updated = await app.http.put(`/api/messaging/conversations/${created.body.data.id}/`, { status: 'closed', assigned_to: owner.userId, mark_read: true }, as());
    expect(updated.body.data).toMatchObject({ status: 'closed', assigned_to: owner.userId, unread_count: 0 });
    const stranger = await createAccount(app);
    expect((await app.http.put(`/api/messaging/conversations/${created.body.data.id}/`, { assigned_to: stranger.userId }, as())).status).toBe(400);
    expect((await app.http.get(`/api/messaging/conversations/${created.body.data.id}/`, as(stranger))).status).toBe(404);
    const list = await app.http.get('/api/messaging/conversations/?status=closed', as());
    expect(list.body.data.results.map((c: { id: number }) => c.id)).toContain(created.body.data.id);
  });

  test('when a message is sent into a conversation from a template, then it renders for the contact and joins the thread', async () => {
    const phone = usNumber();
    const contactId = await contact({ first_name: 'Baraka', phone, attributes: { city: 'Dodoma' } });
    const conversation = (await app.http.post('/api/messaging/conversations/', { contact: contactId }, as())).body.data;
    const template = (await app.http.post('/api/messaging/templates/', { name: 'Greeting', body_text: 'Hi {{first_name}} in {{attributes.city}}' }, as())).body.data;
    const sent = await app.http.post('/api/messaging/messages/', { conversation: conversation.id, template: template.id }, as());
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ text: 'Hi Baraka in Dodoma', to_number: phone, from_number: tenantNumber, conversation: conversation.id, contact: contactId, template: template.id, direction: 'outbound', status: 'queued' });
    expect((await app.http.get(`/api/messaging/templates/${template.id}/`, as())).body.data.usage_count).toBe(1);

    const list = await app.http.get(`/api/messaging/messages/?conversation=${conversation.id}`, as());
    expect(list.body.data).toMatchObject({ count: 1, results: [expect.objectContaining({ id: sent.body.data.id })] });
    expect((await app.http.get(`/api/messaging/messages/${sent.body.data.id}/`, as())).body.data.text).toBe('Hi Baraka in Dodoma');
    const thread = await app.http.get(`/api/messaging/conversations/${conversation.id}/`, as());
    expect(thread.body.data).toMatchObject({ message_count: 1, last_message_text: 'Hi Baraka in Dodoma' });
  });

  test('when a message is sent to a number with text, then it is stored; without a recipient or text it is refused', async () => {
    const to = usNumber();
    const sent = await app.http.post('/api/messaging/messages/', { to, text: 'Plain text' }, as());
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ to_number: to, text: 'Plain text', segments: 1, cost: 0.25 });
    expect((await app.http.post('/api/messaging/messages/', { text: 'Nobody' }, as())).status).toBe(400);
    expect((await app.http.post('/api/messaging/messages/', { to, text: '' }, as())).status).toBe(400);
    expect((await app.http.post('/api/messaging/messages/', { conversation: 999999999, text: 'x' }, as())).status).toBe(400);
    const page = await app.http.get('/api/messaging/messages/?direction=outbound&page_size=1', as());
    expect(page.body.data.next).toMatch(/^https:\/\/switchboard\.test\/api\/messaging\/messages\/\?.*page=2/);
  });
});

describe('numbers', () => {
  test('when an owner registers a number, then it becomes the default sender and another tenant cannot take it', async () => {
    const account = await createAccount(app);
    const number = simulatedAccountNumber();
    const added = await app.http.post('/api/messaging/numbers/', { phone_number: number.slice(2), friendly_name: 'Main line' }, as(account));
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({ phone_e164: number, friendly_name: 'Main line', is_default: true });
    const sent = await app.http.post('/api/messaging/sms/send/', { message: 'From our number', recipients: [usNumber()] }, as(account));
    expect(sent.body.data.sender_id).toBe(number);
    const other = await createAccount(app);
    expect((await app.http.post('/api/messaging/numbers/', { phone_number: number }, as(other))).status).toBe(400);
    const member = await createAccount(app, { role: 'member', tenantId: account.tenantId });
    expect((await app.http.post('/api/messaging/numbers/', { phone_number: usNumber() }, as(member))).status).toBe(403);
    expect((await app.http.get('/api/messaging/numbers/', as(member))).body.data.count).toBe(1);
    expect((await app.http.delete(`/api/messaging/numbers/${added.body.data.id}/`, as(account))).status).toBe(200);
  });
});

test('when the OpenAPI document is read, then the messaging routes and webhooks are in it', async () => {
  const res = await app.http.get('/api/openapi.json');
  expect(res.status).toBe(200);
  for (const path of ['/api/messaging/sms/send/', '/api/messaging/segments/{id}/update-count/', '/api/messaging/webhooks/twilio/status/', '/api/sms/receive/']) {
    expect(Object.keys(res.body.paths)).toContain(path);
  }
});
