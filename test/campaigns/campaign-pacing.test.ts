import { createAccount } from '../support/accounts.js';
import { maxInAnyWindow } from '../support/arrival-windows.js';
import { insertContacts, ledgerStatuses, setTenantSettings, smsCampaign, waitForCampaign } from './support/campaign-fixtures.js';
import { acceptedPerNumber, startProviderStack, type ProviderStack } from './support/provider-stack.js';
import { DeparturePacer } from '../../src/activities/campaigns/departure-pacer.js';

let stack: ProviderStack;
beforeAll(async () => {
  stack = await startProviderStack();
}, 180_000);
afterAll(() => stack?.close());

const base = '/api/messaging/campaigns/';

describe('campaign pacing', () => {
  test('the most arrivals in any one-second window are counted over half-open windows', () => {
    expect(maxInAnyWindow([0, 100, 999, 1000, 1001, 5000])).toBe(4);
    expect(maxInAnyWindow([0, 1000, 2000, 2999])).toBe(2);
    expect(maxInAnyWindow([])).toBe(0);
  });

  test('a send leaves no sooner than a second after the answer to the send the rate places before it', async () => {
    const pacer = new DeparturePacer(2);
    const first = await pacer.depart(0);
    const second = await pacer.depart(0);
    let thirdLeft = 0;
    const third = pacer.depart(0).then((answered) => ((thirdLeft = Date.now()), answered));
    await new Promise((r) => setTimeout(r, 1200));
    expect(thirdLeft).toBe(0);
    const answeredAt = Date.now();
    first();
    (await third)();
    expect(thirdLeft).toBeGreaterThanOrEqual(answeredAt + 1000);
    second();
  });

  test('when a campaign sends at 4 messages/s and is paused and resumed between batches, then the provider never receives more than 4 in any second', async () => {
    const account = await createAccount(stack.app);
    await setTenantSettings(stack.app, account.tenantId, { messages_per_second: 4 });
    stack.sms.reset();
    const ids = await insertContacts(stack.app, account.tenantId, { count: 24 });
    const id = (await stack.app.http.post(base, smsCampaign({ message_text: 'Pacing check', target_contact_ids: ids }), { token: account.token })).body.data.id;
    await stack.app.http.post(`${base}${id}/start/`, undefined, { token: account.token });
    await waitForCampaign(stack.app, account, id, () => stack.sms.log().length >= 6, 'some messages to leave');
    // The pause ends the batch; the resumed run sends in a new one, which must keep the pace of the last.
    expect((await stack.app.http.post(`${base}${id}/pause/`, undefined, { token: account.token })).body.data.status).toBe('paused');
    expect((await stack.app.http.post(`${base}${id}/resume/`, undefined, { token: account.token })).body.data.status).toBe('running');

    const done = await waitForCampaign(stack.app, account, id, (c) => c.status === 'completed');
    expect(done.sent_count).toBe(24);
    expect(await ledgerStatuses(stack.app, id)).toEqual({ sent: 24 });
    expect(Math.max(...acceptedPerNumber(stack.sms).values())).toBe(1);
    expect(maxInAnyWindow(stack.sms.log().map((m) => Date.parse(m.acceptedAt)))).toBeLessThanOrEqual(4);
  }, 180_000);
});
