import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { insertContacts, ledgerStatuses, setTenantSettings, smsCampaign, waitForCampaign } from './support/campaign-fixtures.js';
import { waitForLive } from './support/campaign-workflows.js';
import { recordHistory } from '../replay/record-history.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const base = '/api/messaging/campaigns/';
const clock = (minutes: number) => `${String(Math.floor((((minutes % 1440) + 1440) % 1440) / 60)).padStart(2, '0')}:${String((((minutes % 1440) + 1440) % 1440) % 60).padStart(2, '0')}`;
const minutesIn = (timeZone: string) => {
  const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date()).split(':').map(Number);
  return h * 60 + m;
};

async function fastAccount(settings: Record<string, unknown> = {}): Promise<TestAccount> {
  const account = await createAccount(app);
  await setTenantSettings(app, account.tenantId, { messages_per_second: 0, ...settings });
  return account;
}

describe('quiet hours and opt-out', () => {
  test('when some recipients are in quiet hours, then only they wait, and one who opts out meanwhile is skipped', async () => {
    const nyNow = minutesIn('America/New_York');
    const account = await fastAccount({ quiet_hours_start: clock(nyNow - 60), quiet_hours_end: clock(nyNow + 60), timezone: 'UTC' });
    const newYork = await insertContacts(app, account.tenantId, { count: 3, areaCode: '212' });
    const honolulu = await insertContacts(app, account.tenantId, { count: 2, areaCode: '808', offset: 50 });
    const id = (await app.http.post(base, smsCampaign({ target_contact_ids: [...newYork, ...honolulu] }), { token: account.token })).body.data.id;
    await app.http.post(`${base}${id}/start/`, undefined, { token: account.token });

    const workflowId = `campaign-t${account.tenantId}-${id}`;
    const held = await waitForLive(app, workflowId, (v) => v.passes >= 1);
    expect(held.heldForQuietHours).toBe(3);
    expect(await ledgerStatuses(app, id)).toEqual({ sent: 2, pending: 3 });

    await app.owner.query(`update contacts set is_opted_in = false, opt_out_at = now() where id = $1`, [newYork[0]]);
    await setTenantSettings(app, account.tenantId, { quiet_hours_start: null, quiet_hours_end: null });
    // Pausing and resuming wakes a campaign waiting for quiet hours to end, so new settings apply now.
    expect((await app.http.post(`${base}${id}/pause/`, undefined, { token: account.token })).body.data.status).toBe('paused');
    expect((await app.http.post(`${base}${id}/resume`, undefined, { token: account.token })).body.data.status).toBe('running');

    const done = await waitForCampaign(app, account, id, (c) => c.status === 'completed');
    expect(done).toEqual(expect.objectContaining({ sent_count: 4, skipped_count: 1, progress_percentage: 100 }));
    expect(await ledgerStatuses(app, id)).toEqual({ sent: 4, skipped: 1 });
    await recordHistory(app, workflowId, 'campaign-quiet-hours-pause-resume');
  });
});

describe('scheduled campaigns', () => {
  test('when a campaign is started with a future scheduled_at, then it is scheduled and sends at that time', async () => {
    const account = await fastAccount();
    const ids = await insertContacts(app, account.tenantId, { count: 2 });
    const scheduledAt = new Date(Date.now() + 4000).toISOString();
    const id = (await app.http.post(base, smsCampaign({ target_contact_ids: ids, scheduled_at: scheduledAt }), { token: account.token })).body.data.id;
    const started = await app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
    expect(started.status).toBe(200);
    expect(started.body.message).toBe('Campaign scheduled successfully');
    expect(started.body.campaign).toEqual(expect.objectContaining({ status: 'scheduled', started_at: null }));

    const done = await waitForCampaign(app, account, id, (c) => c.status === 'completed');
    expect(Date.parse(done.started_at)).toBeGreaterThanOrEqual(Date.parse(scheduledAt) - 1000);
    expect(done.sent_count).toBe(2);
  });

  test('when a scheduled campaign is cancelled, then nothing is ever sent', async () => {
    const account = await fastAccount();
    const ids = await insertContacts(app, account.tenantId, { count: 2 });
    const id = (await app.http.post(base, smsCampaign({ target_contact_ids: ids, scheduled_at: new Date(Date.now() + 3_600_000).toISOString() }), { token: account.token })).body.data.id;
    await app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
    const cancelled = await app.http.post(`${base}${id}/cancel/`, undefined, { token: account.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toEqual(expect.objectContaining({ status: 'cancelled', can_start: false, can_cancel: false, can_delete: true }));
    await waitForLive(app, `campaign-t${account.tenantId}-${id}`, (v) => v.status === 'cancelled');
    expect(await ledgerStatuses(app, id)).toEqual({});
  });

  test('when a scheduled campaign is started again, then it starts now', async () => {
    const account = await fastAccount();
    const ids = await insertContacts(app, account.tenantId, { count: 3 });
    const id = (await app.http.post(base, smsCampaign({ target_contact_ids: ids, scheduled_at: new Date(Date.now() + 3_600_000).toISOString() }), { token: account.token })).body.data.id;
    expect((await app.http.post(`${base}${id}/start/`, undefined, { token: account.token })).body.campaign.status).toBe('scheduled');
    const now = await app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
    expect(now.body.campaign.status).toBe('running');
    expect((await waitForCampaign(app, account, id, (c) => c.status === 'completed')).sent_count).toBe(3);
  });
});
