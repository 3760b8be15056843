import { createAccount, type TestAccount } from '../support/accounts.js';
import { insertContacts, ledgerStatuses, setTenantSettings, smsCampaign, waitForCampaign } from './support/campaign-fixtures.js';
import { acceptedPerNumber, startProviderStack, type ProviderStack } from './support/provider-stack.js';

let stack: ProviderStack;
beforeAll(async () => {
  stack = await startProviderStack();
}, 180_000);
afterAll(() => stack?.close());

const base = '/api/messaging/campaigns/';

async function campaignFor(account: TestAccount, count: number, offset = 0) {
  await insertContacts(stack.app, account.tenantId, { count, offset });
  const res = await stack.app.http.post(base, smsCampaign({ message_text: 'Reliability check', target_criteria: { opt_in_status: 'opted_in' } }), { token: account.token });
  expect(res.body.data.total_recipients).toBe(count);
  return res.body.data.id as number;
}

async function phonesByStatus(campaignId: number): Promise<Map<string, string>> {
  const { rows } = await stack.app.owner.query<{ phone_e164: string; status: string }>(`select phone_e164, status from campaign_recipients where campaign_id = $1`, [campaignId]);
  return new Map(rows.map((r) => [r.phone_e164, r.status]));
}

describe('campaign reliability', () => {
  test('when the worker is killed in the middle of a 20,000-recipient campaign, then a new worker finishes it and no recipient gets two messages', async () => {
    const account = await createAccount(stack.app);
    await setTenantSettings(stack.app, account.tenantId, { messages_per_second: 0 });
    stack.sms.reset();
    const id = await campaignFor(account, 20_000);
    await stack.app.http.post(`${base}${id}/start/`, undefined, { token: account.token });

    await waitForCampaign(stack.app, account, id, () => stack.sms.stats().accepted >= 5_000, 'a quarter of the messages to leave', 500_000);
    await stack.worker.kill();
    const acceptedAtCrash = stack.sms.log().length;
    await stack.restartWorker();

    const done = await waitForCampaign(stack.app, account, id, (c) => c.status === 'completed', 'the campaign to complete after the crash', 500_000);
    const accepted = acceptedPerNumber(stack.sms);
    const ledger = await phonesByStatus(id);
    expect(Math.max(...accepted.values())).toBe(1);
    expect(ledger.size).toBe(20_000);
    const statuses = await ledgerStatuses(stack.app, id);
    expect(Object.keys(statuses).filter((s) => !['sent', 'failed', 'unknown'].includes(s))).toEqual([]);
    for (const [phone, status] of ledger) if (status === 'sent') expect(accepted.has(phone)).toBe(true);
    for (const phone of accepted.keys()) expect(ledger.has(phone)).toBe(true);
    expect(done.sent_count + done.failed_count + done.unknown_count).toBe(20_000);
    console.log(`crash test: ${acceptedAtCrash} accepted at the kill; ledger ${JSON.stringify(statuses)}; provider accepted ${accepted.size}`);
  }, 600_000);

  test('when a running campaign is paused, then no message leaves after the answer, and resume finishes exactly the rest', async () => {
    const account = await createAccount(stack.app);
    await setTenantSettings(stack.app, account.tenantId, { messages_per_second: 200 });
    stack.sms.reset();
    const id = await campaignFor(account, 2_000);
    await stack.app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
    await waitForCampaign(stack.app, account, id, () => stack.sms.stats().accepted >= 200, 'some messages to leave', 250_000);

    const paused = await stack.app.http.post(`${base}${id}/pause/`, undefined, { token: account.token });
    expect(paused.body.data.status).toBe('paused');
    const atPause = stack.sms.log().length;
    const ledgerAtPause = await ledgerStatuses(stack.app, id);
    await new Promise((r) => setTimeout(r, 1500));
    expect(stack.sms.log().length).toBe(atPause);
    expect(ledgerAtPause.sending ?? 0).toBe(0);
    expect(ledgerAtPause.sent).toBe(atPause);

    const resumed = await stack.app.http.post(`${base}${id}/resume/`, undefined, { token: account.token });
    expect(resumed.body.data.status).toBe('running');
    await waitForCampaign(stack.app, account, id, (c) => c.status === 'completed', 'the rest', 250_000);
    expect(stack.sms.log().length).toBe(2_000);
    expect(Math.max(...acceptedPerNumber(stack.sms).values())).toBe(1);
    expect(await ledgerStatuses(stack.app, id)).toEqual({ sent: 2_000 });
  }, 300_000);

  test('when the provider answers 429 and 5xx for a while and loses some answers, then the campaign slows, retries, and sends each message exactly once', async () => {
    const account = await createAccount(stack.app);
    await setTenantSettings(stack.app, account.tenantId, { messages_per_second: 0 });
    stack.sms.reset();
    stack.sms.configure({ throttleRate: 0.3, failureRate: 0.15, lostResponseRate: 0.05, maxPerSecond: 300 });
    try {
      const id = await campaignFor(account, 1_000);
      await stack.app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
      await waitForCampaign(stack.app, account, id, (c) => c.status === 'completed', 'the campaign', 250_000);
      const stats = stack.sms.stats();
      expect(stats.throttled).toBeGreaterThan(0);
      expect(stats.failed).toBeGreaterThan(0);
      expect(stats.lost_responses).toBeGreaterThan(0);
      expect(stack.sms.log().length).toBe(1_000);
      expect(Math.max(...acceptedPerNumber(stack.sms).values())).toBe(1);
      expect(await ledgerStatuses(stack.app, id)).toEqual({ sent: 1_000 });
    } finally {
      stack.sms.configure({ throttleRate: 0, failureRate: 0, lostResponseRate: 0, maxPerSecond: 0 });
    }
  }, 300_000);
});
