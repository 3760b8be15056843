import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { insertContacts, insertSegment, smsCampaign } from './support/campaign-fixtures.js';

let app: TestApp;
let owner: TestAccount;
let other: TestAccount;
beforeAll(async () => {
  app = await startTestApp();
  [owner, other] = await Promise.all([createAccount(app), createAccount(app)]);
});
afterAll(() => app.close());

const base = '/api/messaging/campaigns/';
const countCampaigns = async (tenantId: number) =>
  (await app.owner.query<{ n: number }>(`select count(*)::int as n from campaigns where tenant_id = $1`, [tenantId])).rows[0].n;

describe('campaign targeting and dry run', () => {
  test('when a dry run is asked, then duplicates, opted-out contacts and invalid numbers are explained and nothing is stored', async () => {
    const vip = await insertContacts(app, owner.tenantId, { count: 10, tags: ['vip'], offset: 0 });
    const optedOut = await insertContacts(app, owner.tenantId, { count: 3, tags: ['vip'], optedIn: false, offset: 100 });
    const invalid = await insertContacts(app, owner.tenantId, { count: 2, tags: ['vip'], offset: 200, phoneSql: `'+1012' || (2000000 + i)::text` });
    await insertContacts(app, owner.tenantId, { count: 4, tags: ['premium'], offset: 300 });
    const segment = await insertSegment(app, owner.tenantId, 'VIP Customers', { tags: ['vip'] });
    const before = await countCampaigns(owner.tenantId);

    const res = await app.http.post(
      `${base}?dry_run=true`,
      smsCampaign({ target_contact_ids: vip.slice(0, 5), target_segment_ids: [segment], target_criteria: { tags: ['premium'] } }),
      { token: owner.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    // 10 vip + 4 premium eligible; 5 named twice; 3 opted out; 2 invalid.
    expect(res.body.data).toEqual(
      expect.objectContaining({
        total_recipients: 14,
        estimated_cost: 3.5,
        explanations: ['Duplicates removed: 5 contacts', 'Opted-out contacts excluded: 3 contacts', 'Invalid numbers excluded: 2 contacts'],
      }),
    );
    expect(optedOut).toHaveLength(3);
    expect(invalid).toHaveLength(2);
    expect(await countCampaigns(owner.tenantId)).toBe(before);
  });

  test('when a campaign names another tenant’s segment, then the answer is 400 and no campaign is created', async () => {
    const foreign = await insertSegment(app, other.tenantId, 'Their segment', { tags: ['vip'] });
    const before = await countCampaigns(owner.tenantId);
    const res = await app.http.post(base, smsCampaign({ target_segment_ids: [foreign] }), { token: owner.token });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ success: false, error_code: 'VALIDATION', errors: { target_segment_ids: [`Unknown segment id(s) for this tenant: ${foreign}.`] } }));
    expect(await countCampaigns(owner.tenantId)).toBe(before);
  });

  test('when a campaign names another tenant’s contacts, then the answer is 400 and no campaign is created', async () => {
    const [foreign] = await insertContacts(app, other.tenantId, { count: 1 });
    const before = await countCampaigns(owner.tenantId);
    const res = await app.http.post(base, smsCampaign({ target_contact_ids: [foreign] }), { token: owner.token });
    expect(res.status).toBe(400);
    expect(res.body.errors.target_contact_ids[0]).toContain(String(foreign));
    expect(await countCampaigns(owner.tenantId)).toBe(before);
  });

  test('when a campaign lacks a name or uses an unknown placeholder, then the answer lists each field', async () => {
    const res = await app.http.post(base, { campaign_type: 'sms', message_text: 'Hi {{nickname}}' }, { token: owner.token });
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(['message_text']));
    const noName = await app.http.post(base, { message_text: 'Hello' }, { token: owner.token });
    expect(noName.status).toBe(400);
    expect(noName.body.errors).toEqual({ name: ['This field is required.'] });
  });
});

describe('campaign list, edit and delete', () => {
  test('when campaigns are listed with status and type filters and pages, then each page holds what was asked', async () => {
    const account = await createAccount(app);
    for (const type of ['sms', 'sms', 'whatsapp']) await app.http.post(base, smsCampaign({ campaign_type: type }), { token: account.token });
    const page = await app.http.get(`${base}?page_size=2`, { token: account.token });
    expect(page.status).toBe(200);
    expect(page.body.data.count).toBe(3);
    expect(page.body.data.results).toHaveLength(2);
    expect(page.body.data.next).toContain('page=2');
    expect(page.body.data.previous).toBeNull();
    expect(page.body.data.results[0]).toEqual(
      expect.objectContaining({ status: 'draft', status_display: 'Draft', progress_percentage: 0, delivery_rate: 0, read_rate: 0, created_by: account.userId, created_by_name: expect.any(String) }),
    );
    const whatsapp = await app.http.get(`${base}?type=whatsapp`, { token: account.token });
    expect(whatsapp.body.data.results.map((c: any) => c.campaign_type_display)).toEqual(['WhatsApp']);
    const running = await app.http.get(`${base}?status=running`, { token: account.token });
    expect(running.body.data.count).toBe(0);
    const bad = await app.http.get(`${base}?status=sleeping`, { token: account.token });
    expect(bad.status).toBe(400);
  });

  test('when a draft is edited, then its fields and its estimate change', async () => {
    const ids = await insertContacts(app, owner.tenantId, { count: 4, offset: 500 });
    const id = (await app.http.post(base, smsCampaign({ target_contact_ids: ids.slice(0, 2) }), { token: owner.token })).body.data.id;
    const edited = await app.http.put(`${base}${id}/`, { name: 'Renamed', target_contact_ids: ids }, { token: owner.token });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toEqual(expect.objectContaining({ name: 'Renamed', total_recipients: 4, target_contact_count: 4, estimated_cost: 1 }));
  });

  test('when a campaign is asked for by another tenant or by a malformed id, then it is 404', async () => {
    const id = (await app.http.post(base, smsCampaign(), { token: owner.token })).body.data.id;
    expect((await app.http.get(`${base}${id}/`, { token: other.token })).status).toBe(404);
    expect((await app.http.get(`${base}abc/`, { token: owner.token })).status).toBe(404);
    expect((await app.http.post(`${base}${id}/start/`, undefined, { token: other.token })).status).toBe(404);
  });

  test('when a draft is deleted, then it is gone from the list and the detail', async () => {
    const id = (await app.http.post(base, smsCampaign(), { token: owner.token })).body.data.id;
    const res = await app.http.delete(`${base}${id}/`, { token: owner.token });
    expect(res.status).toBe(200);
    expect((await app.http.get(`${base}${id}/`, { token: owner.token })).status).toBe(404);
  });
});
