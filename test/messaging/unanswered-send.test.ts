import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { insertContacts, ledgerStatuses, setTenantSettings, smsCampaign } from '../campaigns/support/campaign-fixtures.js';
import { withTenant } from '../../src/db/tenant-scope.js';
import { sendSms } from '../../src/app/messaging/sms-sending.js';
import { statusCallbackUrl } from '../../src/app/messaging/callback-urls.js';
import { webhookSigningSecret } from '../../src/app/messaging/webhook-signing-secret.js';
import { prepareRun } from '../../src/app/campaigns/run-preparation.js';
import { RecipientCallbacks } from '../../src/app/campaigns/recipient-callback.js';
import { sendBatch } from '../../src/activities/campaigns/send-batch.js';
import type { CampaignRow } from '../../src/domain/campaigns/campaign-row.js';
import type { Principal } from '../../src/domain/identity/principal.js';
import { SmsProviderError, type SmsProvider } from '../../src/domain/messaging/sms-provider.js';
import { SimulatedSmsProvider } from '../../src/domain/messaging/providers/simulated-sms-provider.js';
import { postStatusCallback } from '../../src/domain/messaging/providers/status-callback-post.js';
import { usNumber } from './support.js';

/**
 * One rule for a send whose answer never came (src/domain/messaging/outbound-sms.ts), asserted on both
 * paths that send: a direct SMS and a campaign batch. Found in the provider's log means sent; anything
 * unproven is unknown: sent once, never again, never reported failed, settled by its status callback.
 */

type ProviderLog = 'holds it' | 'shows nothing' | 'cannot be read';

/** A provider whose answer to every send is lost (a timeout); `log` is what its log then says. */
function unansweredProvider(log: ProviderLog) {
  const accepted = new SimulatedSmsProvider();
  const sends: string[] = [];
  const provider: SmsProvider = {
    name: 'simulated',
    async send(request) {
      sends.push(request.to);
      if (log === 'holds it') await accepted.send({ ...request, statusCallbackUrl: undefined });
      throw new SmsProviderError('Twilio unreachable: timeout of 15000ms exceeded', null, true, 'ECONNABORTED');
    },
    listSentTo: (to, since) => (log === 'cannot be read' ? Promise.reject(new SmsProviderError('Twilio unreachable: socket hang up', null, true)) : accepted.listSentTo(to, since)),
    balance: () => accepted.balance(),
    testConnection: () => accepted.testConnection(),
    ownsNumber: (phone) => accepted.ownsNumber(phone),
  };
  return { provider, sends, logged: (to: string) => accepted.listSentTo(to, new Date(0)) };
}

let app: TestApp;
let account: TestAccount;
beforeAll(async () => {
  ({ app, account } = await startTestAppWithAccount());
  await setTenantSettings(app, account.tenantId, { messages_per_second: 0 });
});
afterAll(() => app.close());

const principal = (): Principal => ({ userId: account.userId, email: account.email, username: account.username, tenantId: account.tenantId, role: 'owner', via: 'jwt' });
const callback = (url: string, sid: string, status: string, to: string) => postStatusCallback(url, webhookSigningSecret(app.config), { accountSid: 'ACtest', messageSid: sid, status, to }, app.url);

async function sendDirect(log: ProviderLog) {
  const sms = unansweredProvider(log);
  const to = usNumber();
  const result = await withTenant(account.tenantId, () => sendSms({ pool: app.db.pool, provider: sms.provider, config: app.config }, principal(), { message: `Direct, log ${log}`, recipients: [to] }));
  const [message] = result.messages;
  const row = (await app.owner.query('select status, cost, provider_message_id, error_message from messages where id = $1', [message.id])).rows[0];
  return { sms, to, result, message, row };
}

async function sendCampaign(log: ProviderLog) {
  const sms = unansweredProvider(log);
  const [contactId] = await insertContacts(app, account.tenantId, { count: 1, phoneSql: `'${usNumber()}'` });
  const created = await app.http.post('/api/messaging/campaigns/', smsCampaign({ message_text: `Campaign, log ${log}`, target_contact_ids: [contactId] }), { token: account.token });
  const campaign = (await app.owner.query<CampaignRow>('select * from campaigns where id = $1', [created.body.data.id])).rows[0];
  const batch = await withTenant(account.tenantId, async () => {
    const run = await prepareRun(app.db.pool, campaign, `unanswered-send-${campaign.id}`);
    return sendBatch({ pool: app.db.pool, sms: sms.provider, callbacks: new RecipientCallbacks(app.config) }, { campaignId: campaign.id, tenantId: account.tenantId, runId: run.runId, cursor: 0 });
  });
  const row = (await app.owner.query('select id, status, phone_e164, provider_message_id from campaign_recipients where campaign_id = $1', [campaign.id])).rows[0];
  const counters = (await app.owner.query('select sent_count, failed_count, unknown_count, processed_count from campaigns where id = $1', [campaign.id])).rows[0];
  return { sms, campaign, batch, row, counters };
}

describe('a send whose answer never came', () => {
  test.each<ProviderLog>(['shows nothing', 'cannot be read'])('when the provider log %s, then a direct SMS stays queued as unknown, charged, sent once, and its callback settles it', async (log) => {
    const { sms, to, result, message, row } = await sendDirect(log);
    expect(sms.sends).toEqual([to]);
    expect(message).toMatchObject({ status: 'queued', provider_message_id: null, error: expect.stringMatching(/^Outcome unknown: Twilio unreachable/) });
    expect(result).toMatchObject({ sent_count: 1, failed_count: 0 });
    expect(row).toMatchObject({ status: 'queued', provider_message_id: null, error_message: expect.stringMatching(/^Outcome unknown/) });
    expect(row.cost).toBeGreaterThan(0);

    expect(await callback(statusCallbackUrl(app.config, message.id), `SMunanswereddirect${message.id}`, 'delivered', to)).toBe(200);
    expect((await app.owner.query('select status from messages where id = $1', [message.id])).rows[0].status).toBe('delivered');
  });

  test.each<ProviderLog>(['shows nothing', 'cannot be read'])('when the provider log %s, then a campaign recipient ends unknown, not failed, sent once, and its callback settles it', async (log) => {
    const { sms, campaign, batch, row, counters } = await sendCampaign(log);
    expect(sms.sends).toEqual([row.phone_e164]);
    expect(batch).toMatchObject({ sent: 0, failed: 0, unknown: 1, deferred: 0, endOfLedger: true });
    expect(row).toMatchObject({ status: 'unknown', provider_message_id: null });
    expect(counters).toEqual({ sent_count: 0, failed_count: 0, unknown_count: 1, processed_count: 1 });

    expect(await callback(new RecipientCallbacks(app.config).url(row.id), `SMunansweredcampaign${campaign.id}`, 'delivered', row.phone_e164)).toBe(200);
    expect(await ledgerStatuses(app, campaign.id)).toEqual({ delivered: 1 });
  });

  test('when the provider log holds the message, then both paths record it as sent with its SID, sent once', async () => {
    const direct = await sendDirect('holds it');
    const [logged] = await direct.sms.logged(direct.to);
    expect(direct.sms.sends).toEqual([direct.to]);
    expect(direct.message).toMatchObject({ status: 'queued', provider_message_id: logged.providerMessageId, error: null });
    expect(direct.row).toMatchObject({ status: 'queued', provider_message_id: logged.providerMessageId });

    const campaign = await sendCampaign('holds it');
    const [inLog] = await campaign.sms.logged(campaign.row.phone_e164);
    expect(campaign.sms.sends).toEqual([campaign.row.phone_e164]);
    expect(campaign.row).toMatchObject({ status: 'sent', provider_message_id: inLog.providerMessageId });
    expect(campaign.counters).toMatchObject({ sent_count: 1, unknown_count: 0 });
  });
});
