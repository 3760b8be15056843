import type { TestApp } from '../../support/harness.js';
import { eventually } from '../../support/eventually.js';
import { campaignProgressQuery, type CampaignLiveView } from '../../../src/workflows/campaign/campaign-messages.js';

/** The campaign workflow's own live view (its `campaignProgress` query). */
export async function liveView(app: TestApp, workflowId: string): Promise<CampaignLiveView> {
  return app.temporal.client.workflow.getHandle(workflowId).query(campaignProgressQuery);
}

/** Waits until the live view satisfies `done`; a workflow not started yet answers no view. */
export async function waitForLive(app: TestApp, workflowId: string, done: (v: CampaignLiveView) => boolean): Promise<CampaignLiveView> {
  const view = await eventually(() => liveView(app, workflowId).catch(() => undefined), (v) => v !== undefined && done(v), {
    timeout: 100_000,
    interval: 200,
    what: `workflow ${workflowId}'s live view`,
  });
  return view!;
}
