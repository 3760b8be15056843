import { randomBytes } from 'node:crypto';
import { createWorkers } from '../../src/temporal/worker.js';
import { installTemporalRuntimeLogging } from '../../src/temporal/runtime-logging.js';
import { createLogger } from '../../src/logger.js';
import type { TestApp } from './harness.js';

/** For startTestApp: task queues of the app's own, which the run's worker never serves. */
export const ownTaskQueues = (label: string) => ({ TASK_QUEUE_PREFIX: `${process.env.TASK_QUEUE_PREFIX}-${label}-${randomBytes(3).toString('hex')}` });

export interface OwnWorkers {
  stop(): Promise<void>;
}

/**
 * The run's two workers, in this process, on the app's own task queues (see ownTaskQueues): jobs the app
 * starts wait until the test starts these, so it can set a gate for them first.
 */
export async function startOwnWorkers(app: TestApp): Promise<OwnWorkers> {
  const logger = createLogger('silent');
  installTemporalRuntimeLogging(logger);
  const workers = await createWorkers({ config: app.config, db: app.db, logger, address: app.config.temporal.address! });
  const running = workers.run();
  return {
    async stop() {
      await workers.shutdown();
      await running;
    },
  };
}
