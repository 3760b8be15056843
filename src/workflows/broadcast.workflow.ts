import { continueAsNew, defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createBroadcastActivities } from '../activities/agent/broadcast.activities.js';

type Activities = ReturnType<typeof createBroadcastActivities>;

const acts = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: { maximumAttempts: 10, initialInterval: '1 second', maximumInterval: '30 seconds' } });

const BATCH_SIZE = 50;
/** Batches per run before continue-as-new keeps the history small. */
const BATCHES_PER_RUN = 100;

export interface BroadcastInput {
  broadcastId: number;
  afterUserId?: number;
  sent?: number;
  failed?: number;
}

const broadcastProgressQuery = defineQuery<{ sent: number; failed: number }>('progress');

/** Seed 002's broadcast: texts every agent user of the chosen tiers, one id page per activity. */
export async function broadcastWorkflow(input: BroadcastInput): Promise<{ sent: number; failed: number }> {
  let after = input.afterUserId ?? 0;
  let sent = input.sent ?? 0;
  let failed = input.failed ?? 0;
  setHandler(broadcastProgressQuery, () => ({ sent, failed }));
  try {
    for (let i = 0; i < BATCHES_PER_RUN; i++) {
      const batch = await acts.broadcastSendBatch({ broadcastId: input.broadcastId, afterUserId: after, limit: BATCH_SIZE });
      sent += batch.sent;
      failed += batch.failed;
      after = batch.lastUserId;
      if (batch.done) {
        await acts.broadcastFinish({ broadcastId: input.broadcastId, failed: false });
        return { sent, failed };
      }
    }
  } catch (err) {
    await acts.broadcastFinish({ broadcastId: input.broadcastId, failed: true });
    throw err;
  }
  return continueAsNew<typeof broadcastWorkflow>({ broadcastId: input.broadcastId, afterUserId: after, sent, failed });
}
