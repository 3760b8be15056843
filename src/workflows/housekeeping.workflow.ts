import { proxyActivities } from '@temporalio/workflow';
import type { createHousekeepingActivities } from '../activities/housekeeping/housekeeping.activities.js';

type Activities = ReturnType<typeof createHousekeepingActivities>;

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 5, initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

export interface HousekeepingInput {
  uploadTtlSeconds: number;
}

export interface HousekeepingResult {
  expiredUploads: number;
  uploadsCleaned: number;
  idempotencyKeysPurged: number;
}

/**
 * One round of housekeeping across tenants, started by the `switchboard-housekeeping` Temporal
 * Schedule: expire stale unfinished uploads, delete the chunk files nobody needs any more (expired
 * uploads first, so this round already frees them), and purge expired idempotency keys.
 */
export async function housekeepingWorkflow(input: HousekeepingInput): Promise<HousekeepingResult> {
  const { expired } = await acts.expireStaleUploads({ ttlSeconds: input.uploadTtlSeconds });
  const { uploads } = await acts.deleteDisposableChunks({});
  const { purged } = await acts.purgeExpiredIdempotencyKeys();
  return { expiredUploads: expired, uploadsCleaned: uploads, idempotencyKeysPurged: purged };
}
