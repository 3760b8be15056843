import { defaultPayloadConverter } from '@temporalio/common';
import type { RunningTemporal } from '../../src/dev/temporal-dev-server.js';
import { createCampaignActivities } from '../../src/activities/campaigns/campaigns.activities.js';
import { createSmsProvider } from '../../src/app/providers/sms-providers.js';
import { createAccount } from '../support/accounts.js';
import type { TestApp } from '../support/harness.js';
import { startLocalTemporal } from '../support/local-temporal.js';
import { startAppWithOwnWorker, type AppWithOwnWorker } from '../support/own-worker.js';
import { recordHistory } from '../replay/record-history.js';
import { insertContacts, ledgerStatuses, setTenantSettings, smsCampaign, waitForCampaign } from './support/campaign-fixtures.js';
import { liveView } from './support/campaign-workflows.js';

// The campaign workflow as it runs in production, on a server of this file's own that suggests
// continue-as-new once a run's history passes 40 events: the first batch starts at about 25, a pause
// and a resume during it take the run past the mark.
let temporal: RunningTemporal;
let own: AppWithOwnWorker;
let app: TestApp;
beforeAll(async () => {
  temporal = await startLocalTemporal({ suggestContinueAsNewAfterEvents: 40 });
  own = await startAppWithOwnWorker({
    workflowFile: 'campaign.workflow.ts',
    queue: 'messaging',
    temporalAddress: temporal.address,
    activities: (a) => createCampaignActivities({ db: a.db, config: a.config, sms: createSmsProvider(a.config) }),
  });
  app = own.app;
});
afterAll(async () => {
  await own?.close();
  await temporal?.stop();
});

const base = '/api/messaging/campaigns/';

test('when a long campaign continues as new between batches, then it carries its cursor and counts and sends everyone once', async () => {
  const account = await createAccount(app);
  await setTenantSettings(app, account.tenantId, { messages_per_second: 10 });
  const ids = await insertContacts(app, account.tenantId, { count: 100 });
  const id = (await app.http.post(base, smsCampaign({ target_contact_ids: ids }), { token: account.token })).body.data.id;
  expect((await app.http.post(`${base}${id}/start/`, undefined, { token: account.token })).status).toBe(200);
  const workflowId = `campaign-t${account.tenantId}-${id}`;
  const handle = app.temporal.client.workflow.getHandle(workflowId);
  const firstRunId = (await handle.describe()).runId;

  // Ten seconds of sending at 10 a second: paused part way, the batch stops and the run has grown past the mark.
  await waitForCampaign(app, account, id, (c) => c.sent_count > 0, 'the first sends');
  expect((await app.http.post(`${base}${id}/pause/`, undefined, { token: account.token })).body.data.status).toBe('paused');
  const paused = await liveView(app, workflowId);
  expect(paused.counts.sent).toBeGreaterThan(0);
  expect(paused.counts.sent).toBeLessThan(100);
  expect((await app.http.post(`${base}${id}/resume/`, undefined, { token: account.token })).body.data.status).toBe('running');

  const done = await waitForCampaign(app, account, id, (c) => c.status === 'completed');
  expect(done.sent_count).toBe(100);
  expect(await ledgerStatuses(app, id)).toEqual({ sent: 100 });
  const history = await handle.fetchHistory();
  const started = history.events?.[0].workflowExecutionStartedEventAttributes;
  expect(started?.continuedExecutionRunId).toBeTruthy();
  expect(started?.firstExecutionRunId).toBe(firstRunId);
  const { carried } = defaultPayloadConverter.fromPayload<{ carried: { cursor: number; counts: { sent: number } } }>(started!.input!.payloads![0]);
  expect(carried.cursor).toBeGreaterThan(0);
  expect(carried.counts.sent).toBe(paused.counts.sent);
  await recordHistory(app, workflowId, 'campaign-continued-as-new');
});
