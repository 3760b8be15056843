import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';

/** Chunks commit many batches and heartbeat after each; a dead worker is noticed within the heartbeat timeout. */
export const chunkActivities = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
});

/** Task-row bookkeeping and other short calls. */
export const taskActivities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
