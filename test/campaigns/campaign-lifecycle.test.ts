import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { insertContacts, ledgerStatuses, setTenantSettings, smsCampaign, waitForCampaign } from './support/campaign-fixtures.js';
import { recordHistory } from '../replay/record-history.js';

let app: TestApp;
let owner: TestAccount;
beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount());
  await setTenantSettings(app, owner.tenantId, { messages_per_second: 0 });
});
afterAll(() => app.close());

const base = '/api/messaging/campaigns/';

describe('campaign lifecycle', () => {
  test('when a campaign is created and started, then every recipient is sent once and the figures say so', async () => {
    const ids = await insertContacts(app, owner.tenantId, { count: 6 });
    const created = await app.http.post(base, smsCampaign({ target_contact_ids: ids }), { token: owner.token });
    expect(created.status).toBe(201);
    expect(created.body.success).toBe(true);
    expect(created.body.data).toEqual(
      expect.objectContaining({ status: 'draft', total_recipients: 6, estimated_cost: 1.5, target_contact_count: 6, target_segment_names: [], can_start: true, can_edit: true }),
    );
    const id = created.body.data.id;

    const started = await app.http.post(`${base}${id}/start/`, undefined, { token: owner.token });
    expect(started.status).toBe(200);
    expect(started.body).toEqual(expect.objectContaining({ success: true, message: 'Campaign started successfully' }));
    expect(started.body.campaign).toEqual(expect.objectContaining({ id, status: 'running', started_at: expect.any(String) }));

    const done = await waitForCampaign(app, owner, id, (c) => c.status === 'completed');
    expect(done).toEqual(
      expect.objectContaining({ total_recipients: 6, sent_count: 6, failed_count: 0, progress_percentage: 100, can_start: false, can_pause: false, can_edit: false }),
    );
    expect(await ledgerStatuses(app, id)).toEqual({ sent: 6 });
    await recordHistory(app, `campaign-t${owner.tenantId}-${id}`, 'campaign-simple');
  });

  test('when a completed campaign is started again, then the answer is INVALID_STATUS and nothing is sent', async () => {
    const ids = await insertContacts(app, owner.tenantId, { count: 2, offset: 100 });
    const id = (await app.http.post(base, smsCampaign({ target_contact_ids: ids }), { token: owner.token })).body.data.id;
    await app.http.post(`${base}${id}/start/`, undefined, { token: owner.token });
    await waitForCampaign(app, owner, id, (c) => c.status === 'completed');

    const again = await app.http.post(`${base}${id}/start/`, undefined, { token: owner.token });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(
      expect.objectContaining({
        success: false,
        message: 'Campaign cannot be started',
        error_code: 'INVALID_STATUS',
        details: { current_status: 'completed', allowed_statuses: ['draft', 'scheduled'] },
      }),
    );
    expect(again.body.code).toBe('INVALID_TRANSITION');
    expect(again.headers.get('error-code')).toBe('INVALID_TRANSITION');
    expect(await ledgerStatuses(app, id)).toEqual({ sent: 2 });
  });

  test('when a draft is paused, then the answer is INVALID_STATUS and the draft is unchanged', async () => {
    const id = (await app.http.post(base, smsCampaign(), { token: owner.token })).body.data.id;
    const paused = await app.http.post(`${base}${id}/pause/`, undefined, { token: owner.token });
    expect(paused.status).toBe(400);
    expect(paused.body).toEqual(
      expect.objectContaining({ message: 'Campaign cannot be paused', error_code: 'INVALID_STATUS', details: { current_status: 'draft', allowed_statuses: ['running', 'scheduled'] } }),
    );
    expect(paused.body.code).toBe('INVALID_TRANSITION');
    const detail = await app.http.get(`${base}${id}/`, { token: owner.token });
    expect(detail.body.data.status).toBe('draft');
  });

  test('when a running campaign is edited or deleted, then both are refused; once cancelled, the rest is never sent and it can be deleted', async () => {
    const account = await createAccount(app);
    await setTenantSettings(app, account.tenantId, { messages_per_second: 2 });
    const ids = await insertContacts(app, account.tenantId, { count: 8 });
    const id = (await app.http.post(base, smsCampaign({ target_contact_ids: ids }), { token: account.token })).body.data.id;
    await app.http.post(`${base}${id}/start/`, undefined, { token: account.token });

    const edit = await app.http.put(`${base}${id}/`, { name: 'Too late' }, { token: account.token });
    expect(edit.status).toBe(400);
    expect(edit.body).toEqual(expect.objectContaining({ message: 'Campaign cannot be edited', details: { current_status: 'running', allowed_statuses: ['draft', 'scheduled'] } }));
    const del = await app.http.delete(`${base}${id}/`, { token: account.token });
    expect(del.status).toBe(400);
    expect(del.body).toEqual(expect.objectContaining({ message: 'Campaign cannot be deleted', error_code: 'INVALID_STATUS' }));

    const cancelled = await app.http.post(`${base}${id}/cancel/`, undefined, { token: account.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.status).toBe('cancelled');
    const done = await waitForCampaign(app, account, id, (c) => c.sent_count + c.cancelled_count === 8, 'the unsent rows to be cancelled');
    expect(done.cancelled_count).toBeGreaterThan(0);
    const after = await ledgerStatuses(app, id);
    expect(Object.keys(after).sort()).toEqual(after.sent ? ['cancelled', 'sent'] : ['cancelled']);
    expect((await app.http.delete(`${base}${id}/`, { token: account.token })).status).toBe(200);
  });

  test('when a WhatsApp campaign is started, then it is refused with a clear reason and stays a draft', async () => {
    const id = (await app.http.post(base, smsCampaign({ campaign_type: 'whatsapp' }), { token: owner.token })).body.data.id;
    const res = await app.http.post(`${base}${id}/start/`, undefined, { token: owner.token });
    expect(res.status).toBe(400);
    expect(res.body.errors.campaign_type[0]).toContain('Only SMS campaigns');
    expect((await app.http.get(`${base}${id}/`, { token: owner.token })).body.data.status).toBe('draft');
  });
});
