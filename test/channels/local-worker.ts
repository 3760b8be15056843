import { randomBytes } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { tenantScopeInterceptors } from '../../src/temporal/tenant-scope-interceptor.js';
import { prebuiltWorkflowBundle } from '../../src/temporal/workflow-bundle/prebuilt.js';
import { createChannelActivities } from '../../src/activities/channels/channels.activities.js';
import type { NumberPurchaseProvider } from '../../src/domain/channels/number-purchase.js';
import { createLogger } from '../../src/logger.js';
import { installTemporalRuntimeLogging } from '../../src/temporal/runtime-logging.js';
import { startTestApp, type TestApp } from '../support/harness.js';

export interface ChannelsOnOwnWorker {
  app: TestApp;
  close(): Promise<void>;
}

/**
 * A test API whose channel workflows run on a worker inside this test process, on task queues of
 * their own, with a number provider the test holds: how a test makes the provider collide or fail
 * and then sees what the saga gave back. It loads the production workflow bundle, with the channel
 * activities only.
 */
export async function channelsOnOwnWorker(numbers: NumberPurchaseProvider): Promise<ChannelsOnOwnWorker> {
  const prefix = `${process.env.TASK_QUEUE_PREFIX}-channels-${randomBytes(3).toString('hex')}`;
  const app = await startTestApp({ TASK_QUEUE_PREFIX: prefix });
  installTemporalRuntimeLogging(createLogger('silent'));
  const connection = await NativeConnection.connect({ address: app.config.temporal.address! });
  const workflowBundle = await prebuiltWorkflowBundle();
  const worker = await Worker.create({
    connection,
    namespace: app.config.temporal.namespace,
    taskQueue: app.config.temporal.taskQueues.messaging,
    workflowBundle,
    interceptors: { activity: [tenantScopeInterceptors] },
    activities: createChannelActivities({ db: app.db, numbers }),
  });
  const running = worker.run();
  return {
    app,
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await app.close();
    },
  };
}
