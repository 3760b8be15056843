import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { tenantPropagationModule, tenantScopeInterceptors } from '../../src/temporal/tenant-scope-interceptor.js';
import { createLogger } from '../../src/logger.js';
import { installTemporalRuntimeLogging } from '../../src/temporal/runtime-logging.js';
import { prebuiltWorkflowBundle } from '../../src/temporal/workflow-bundle/prebuilt.js';
import { workflowsPath } from '../../src/temporal/worker.js';
import { startTestApp, type TestApp } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const workflowsDir = path.resolve(here, '../../src/workflows');
const timeLapseModule = path.join(here, 'time-lapse-interceptor.ts');

export interface AppWithOwnWorker {
  app: TestApp;
  close(): Promise<void>;
}

/**
 * A test API whose workflows (the production bundle, or those of one file) run on a worker inside this test process, on task queues of
 * their own. With `timeLapse` every workflow timer is shortened (a day passes in DAY_IN_TEST_MS): it
 * stands in for the SDK's time-skipping test server, a binary download this machine cannot make. The
 * workflow code and its inputs stay the production ones. `temporalAddress` points API and worker at a
 * server of the test's own (see local-temporal.ts) instead of the run's.
 */
export async function startAppWithOwnWorker(opts: {
  /** A file of src/workflows, e.g. `subscription.workflow.ts`; without one (and without `timeLapse`), the production bundle. */
  workflowFile?: string;
  queue: 'bulk' | 'messaging';
  activities: (app: TestApp) => object;
  timeLapse?: boolean;
  temporalAddress?: string;
  /** More configuration of the API, e.g. SMTP_URL. */
  env?: Record<string, string>;
}): Promise<AppWithOwnWorker> {
  installTemporalRuntimeLogging(createLogger('silent'));
  const app = await startTestApp({
    ...opts.env,
    TASK_QUEUE_PREFIX: `${process.env.TASK_QUEUE_PREFIX}-own-${randomBytes(3).toString('hex')}`,
    ...(opts.temporalAddress ? { TEMPORAL_ADDRESS: opts.temporalAddress } : {}),
  });
  const connection = await NativeConnection.connect({ address: app.config.temporal.address! });
  const workflowBundle =
    opts.workflowFile || opts.timeLapse
      ? await bundleWorkflowCode({
          workflowsPath: opts.workflowFile ? path.join(workflowsDir, opts.workflowFile) : workflowsPath,
          workflowInterceptorModules: opts.timeLapse ? [tenantPropagationModule, timeLapseModule] : [tenantPropagationModule],
          logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
        })
      : await prebuiltWorkflowBundle();
  const worker = await Worker.create({
    connection,
    namespace: app.config.temporal.namespace,
    taskQueue: app.config.temporal.taskQueues[opts.queue],
    workflowBundle,
    interceptors: { activity: [tenantScopeInterceptors] },
    activities: opts.activities(app),
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
