import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { postStatusCallback } from '../../src/domain/messaging/providers/status-callback-post.js';
import { webhookSigningSecret } from '../../src/app/messaging/webhook-signing-secret.js';
import { RecipientCallbacks } from '../../src/app/campaigns/recipient-callback.js';
import { campaignScheduleId } from '../../src/domain/campaigns/campaign-ids.js';
import { insertContacts, setTenantSettings, smsCampaign, waitForCampaign } from './support/campaign-fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const base = '/api/messaging/campaigns/';

async function fastAccount(): Promise<TestAccount> {
  const account = await createAccount(app);
  await setTenantSettings(app, account.tenantId, { messages_per_second: 0 });
  return account;
}

async function sentCampaign(account: TestAccount, count: number) {
  const ids = await insertContacts(app, account.tenantId, { count });
  const id = (await app.http.post(base, smsCampaign({ target_contact_ids: ids }), { token: account.token })).body.data.id;
  await app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
  await waitForCampaign(app, account, id, (c) => c.status === 'completed');
  const { rows } = await app.owner.query<{ id: number; provider_message_id: string; phone_e164: string }>(
    `select id, provider_message_id, phone_e164 from campaign_recipients where campaign_id = $1 order by id`,
    [id],
  );
  return { id, rows };
}

describe('delivery tracking', () => {
  test('when signed delivery callbacks arrive, then delivered and read counts and rates follow, and a late "sent" changes nothing', async () => {
    const account = await fastAccount();
    const { id, rows } = await sentCampaign(account, 4);
    const urls = new RecipientCallbacks(app.config);
    const secret = webhookSigningSecret(app.config);
    const post = (row: (typeof rows)[number], status: string, url = urls.url(row.id)) =>
      postStatusCallback(url, secret, { accountSid: 'ACtest', messageSid: row.provider_message_id, status, to: row.phone_e164 }, app.url);

    for (const row of rows.slice(0, 3)) expect(await post(row, 'delivered')).toBe(200);
    expect(await post(rows[0], 'read')).toBe(200);
    expect(await post(rows[1], 'sent')).toBe(200);
    expect(await post(rows[1], 'delivered')).toBe(200);

    const detail = (await app.http.get(`${base}${id}/`, { token: account.token })).body.data;
    expect(detail).toEqual(expect.objectContaining({ sent_count: 4, delivered_count: 3, read_count: 1, delivery_rate: 75, read_rate: 33.3 }));

    const overview = await app.http.get('/api/messaging/analytics/overview/', { token: account.token });
    expect(overview.status).toBe(200);
    expect(overview.body.data).toEqual(
      expect.objectContaining({ total_campaigns: 1, messages_sent: 4, messages_delivered: 3, messages_read: 1, delivery_rate: 75, read_rate: 33.3, total_contacts: 4 }),
    );
    expect(overview.body.data.campaigns_by_status.completed).toBe(1);
  });

  test('when a callback carries a forged ledger signature or none from the provider, then it is refused and nothing moves', async () => {
    const account = await fastAccount();
    const { id, rows } = await sentCampaign(account, 1);
    const urls = new RecipientCallbacks(app.config);
    const forged = urls.url(rows[0].id).replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(await postStatusCallback(forged, webhookSigningSecret(app.config), { accountSid: 'ACtest', messageSid: 'SMx', status: 'delivered', to: rows[0].phone_e164 }, app.url)).toBe(403);
    expect(await postStatusCallback(urls.url(rows[0].id), 'not-the-secret-at-all', { accountSid: 'ACtest', messageSid: 'SMx', status: 'delivered', to: rows[0].phone_e164 }, app.url)).toBe(403);
    expect((await app.http.get(`${base}${id}/`, { token: account.token })).body.data.delivered_count).toBe(0);
  });

  test('when a campaign ran, then its task row reports the same progress Socket.IO clients heard', async () => {
    const account = await fastAccount();
    const { id } = await sentCampaign(account, 3);
    const { rows } = await app.owner.query(`select status, processed_items, total_items, kind from tasks where params->>'campaign_id' = $1`, [String(id)]);
    expect(rows).toEqual([{ status: 'completed', processed_items: 3, total_items: 3, kind: 'campaign' }]);
  });
});

describe('recurring campaigns', () => {
  test('when a recurring campaign is started, paused, resumed and cancelled, then its Temporal Schedule follows', async () => {
    const account = await fastAccount();
    const ids = await insertContacts(app, account.tenantId, { count: 2 });
    const body = smsCampaign({ target_contact_ids: ids, is_recurring: true, recurring_schedule: { cron: '0 0 1 1 *', timezone: 'Africa/Dar_es_Salaam' } });
    const id = (await app.http.post(base, body, { token: account.token })).body.data.id;
    const schedule = app.temporal.client.schedule.getHandle(campaignScheduleId(account.tenantId, id));

    const started = await app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
    expect(started.body.campaign.status).toBe('scheduled');
    const described = await schedule.describe();
    expect(described.policies).toEqual(expect.objectContaining({ overlap: 'SKIP', catchupWindow: 60_000 }));
    expect(described.spec.timezone).toBe('Africa/Dar_es_Salaam');

    // A start of a scheduled recurring campaign runs one occurrence now; it then waits for the next.
    await app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
    await waitForCampaign(app, account, id, (c) => c.sent_count === 2 && c.status === 'scheduled');

    expect((await app.http.post(`${base}${id}/pause/`, undefined, { token: account.token })).body.data.status).toBe('paused');
    expect((await schedule.describe()).state.paused).toBe(true);
    expect((await app.http.post(`${base}${id}/resume/`, undefined, { token: account.token })).body.data.status).toBe('scheduled');
    expect((await schedule.describe()).state.paused).toBe(false);
    expect((await app.http.post(`${base}${id}/cancel/`, undefined, { token: account.token })).body.data.status).toBe('cancelled');
    await expect(schedule.describe()).rejects.toThrow();
  });

  test("when Temporal's parser refuses a cron that passed the shape check, then start is a 400 on recurring_schedule and the campaign stays a draft", async () => {
    const account = await fastAccount();
    const body = smsCampaign({ is_recurring: true, recurring_schedule: { cron: '99 99 * * *', timezone: 'UTC' } });
    const id = (await app.http.post(base, body, { token: account.token })).body.data.id;
    const res = await app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
    expect(res.status).toBe(400);
    expect(res.body.errors.recurring_schedule).toEqual([expect.stringContaining('Temporal refused the schedule:')]);
    expect((await app.http.get(`${base}${id}/`, { token: account.token })).body.data.status).toBe('draft');
  });

  test('when a recurring campaign has no cron, then it is refused', async () => {
    const account = await fastAccount();
    const res = await app.http.post(base, smsCampaign({ is_recurring: true }), { token: account.token });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['recurring_schedule']);
  });
});
