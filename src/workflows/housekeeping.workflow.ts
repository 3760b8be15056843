import { patched, proxyActivities } from '@temporalio/workflow';
import type { createHousekeepingActivities } from '../activities/housekeeping/housekeeping.activities.js';
import type { createOutboxActivities } from '../activities/identity/outbox.activities.js';

type Activities = ReturnType<typeof createHousekeepingActivities> & Pick<ReturnType<typeof createOutboxActivities>, 'redeliverStrandedOutbox'>;

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
  /** Queued mail whose delivery workflow had never started; absent from rounds recorded before it existed. */
  outboxDeliveriesStarted?: number;
}

/**
 * One round of housekeeping across tenants, started by the `switchboard-housekeeping` Temporal
 * Schedule: expire stale unfinished uploads, delete the chunk files nobody needs any more (expired
 * uploads first, so this round already frees them), purge expired idempotency keys, and start the
 * delivery of any queued email whose own start never reached Temporal.
 */
export async function housekeepingWorkflow(input: HousekeepingInput): Promise<HousekeepingResult> {
  const { expired } = await acts.expireStaleUploads({ ttlSeconds: input.uploadTtlSeconds });
  const { uploads } = await acts.deleteDisposableChunks({});
  const { purged } = await acts.purgeExpiredIdempotencyKeys();
  const result: HousekeepingResult = { expiredUploads: expired, uploadsCleaned: uploads, idempotencyKeysPurged: purged };
  if (patched('outbox-redelivery')) result.outboxDeliveriesStarted = (await acts.redeliverStrandedOutbox()).started;
  return result;
}
