import { createChannelActivities } from '../../src/activities/channels/channels.activities.js';
import type { NumberPurchaseProvider } from '../../src/domain/channels/number-purchase.js';
import { startAppWithOwnWorker, type AppWithOwnWorker } from '../support/own-worker.js';

export type ChannelsOnOwnWorker = AppWithOwnWorker;

/**
 * A test API whose channel workflows run on a worker inside this test process, on task queues of
 * their own, with a number provider the test holds: how a test makes the provider collide or fail
 * and then sees what the saga gave back. It loads the production workflow bundle, with the channel
 * activities only.
 */
export function channelsOnOwnWorker(numbers: NumberPurchaseProvider): Promise<ChannelsOnOwnWorker> {
  return startAppWithOwnWorker({ queue: 'messaging', activities: (app) => createChannelActivities({ db: app.db, numbers }) });
}
