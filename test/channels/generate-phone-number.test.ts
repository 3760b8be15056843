import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { TENANT_KEY } from '../../src/temporal/search-attributes.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { recordHistory } from '../replay/record-history.js';

let app: TestApp;
let owner: TestAccount;

beforeAll(async () => ({ app, account: owner } = await startTestAppWithAccount()));
afterAll(() => app?.close());

const generate = (body: unknown, account: TestAccount = owner, path = '/api/channels/generate-phone-number') => app.http.post(path, body, { token: account.token });
const SEED_KEYS = ['id', 'name', 'phoneNumber', 'countryCode', 'isoCountry', 'type', 'status', 'capabilities', 'isMock', 'twilioSid', 'createdAt', 'message'];

describe('POST /api/channels/generate-phone-number', () => {
  it('when a tenant owner asks for a USA number, then the documented channel object comes back with a valid simulated number', async () => {
    const res = await generate({ country: 'USA', name: 'USA Number', type: 'whatsapp' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([...SEED_KEYS].sort());
    expect(res.body).toMatchObject({
      name: 'USA Number',
      countryCode: '+1',
      isoCountry: 'US',
      type: 'whatsapp',
      status: 'active',
      capabilities: { voice: true, sms: true, mms: true },
      isMock: true,
      twilioSid: null,
      message: 'Phone number purchased and stored successfully',
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
    const parsed = parsePhoneNumberFromString(res.body.phoneNumber);
    expect(parsed?.isValid()).toBe(true);
    expect(parsed?.country).toBe('US');
  });

  it('when only the country is sent, then the type is whatsapp and the name is "<country> - <number>"', async () => {
    const res = await generate({ country: 'Tanzania' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'whatsapp', isoCountry: 'TZ', countryCode: '+255', name: `Tanzania - ${res.body.phoneNumber}` });
    expect(res.body.phoneNumber).toMatch(/^\+255\d{9}$/);
  });

  it('when the path ends in a slash and the country is an ISO code, then it is answered the same way', async () => {
    const res = await generate({ country: 'gb', type: 'sms' }, owner, '/api/channels/generate-phone-number/');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isoCountry: 'GB', countryCode: '+44', type: 'sms', name: `GB - ${res.body.phoneNumber}` });
  });

  it('when the purchase completes, then its workflow is named for the tenant and channel and carries the tenant search attribute', async () => {
    const res = await generate({ country: 'Canada', type: 'voice' });
    const handle = app.temporal.client.workflow.getHandle(`channel-purchase-t${owner.tenantId}-${res.body.id}`);
    const described = await handle.describe();
    expect(described.status.name).toBe('COMPLETED');
    expect(described.taskQueue).toBe(app.config.temporal.taskQueues.messaging);
    expect(described.typedSearchAttributes.get(TENANT_KEY)).toBe(String(owner.tenantId));
    await recordHistory(app, handle.workflowId, 'channel-purchase');
  });

  it('when the country is unknown, then 400 in the seed error shape and nothing is stored', async () => {
    const before = await app.owner.query(`select count(*)::int as n from channels where tenant_id = $1`, [owner.tenantId]);
    const res = await generate({ country: 'Narnia' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'Failed to generate phone number', details: expect.stringContaining('Narnia') });
    const after = await app.owner.query(`select count(*)::int as n from channels where tenant_id = $1`, [owner.tenantId]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it.each([
    ['the country is missing', {}, 'country'],
    ['the type is not a channel type', { country: 'USA', type: 'telegram' }, 'type'],
    ['the country is not text', { country: 42 }, 'country'],
  ])('when %s, then 400 names the field', async (_, body, field) => {
    const res = await generate(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Failed to generate phone number');
    expect(res.body.details).toContain(`${field}:`);
    expect(res.body.fields[field]).toEqual([expect.any(String)]);
  });

  it('when the caller is not signed in, then 401', async () => {
    const res = await app.http.post('/api/channels/generate-phone-number', { country: 'USA' });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual(expect.any(String));
  });

  it('when a plain member asks for a number, then 403 and nothing is bought', async () => {
    const member = await createAccount(app, { role: 'member', tenantId: owner.tenantId });
    const res = await generate({ country: 'USA' }, member);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('Failed to generate phone number');
  });
});
