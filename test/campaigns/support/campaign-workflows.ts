import type { TestApp } from '../../support/harness.js';
import { campaignProgressQuery, type CampaignLiveView } from '../../../src/workflows/campaign/campaign-messages.js';

/** The campaign workflow's own live view (its `campaignProgress` query). */
export async function liveView(app: TestApp, workflowId: string): Promise<CampaignLiveView> {
  return app.temporal.client.workflow.getHandle(workflowId).query(campaignProgressQuery);
}

export async function waitForLive(app: TestApp, workflowId: string, done: (v: CampaignLiveView) => boolean): Promise<CampaignLiveView> {
  const deadline = Date.now() + 100_000;
  let last: CampaignLiveView | undefined;
  while (Date.now() < deadline) {
    last = await liveView(app, workflowId).catch(() => undefined);
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gave up waiting on workflow ${workflowId}; last: ${JSON.stringify(last)}`);
}
