import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { createLookupProvider } from '../app/providers/lookup-providers.js';
import { createSmsProvider } from '../app/providers/sms-providers.js';
import { createNumberPurchaseProvider } from '../app/providers/number-purchase-providers.js';
import { createLanguageModel } from '../app/providers/language-models.js';
import { createMailTransport } from '../app/providers/mail-transports.js';
import { tenantScopeInterceptors } from './tenant-scope-interceptor.js';
import { connectTemporal } from './client.js';
import { ensureHousekeepingSchedule } from './housekeeping-schedule.js';
import { prebuiltWorkflowBundle } from './workflow-bundle/prebuilt.js';
import type { TaskQueueName } from '../config.js';

export { workflowsPath } from './workflow-bundle/recipe.js';

export interface RunningWorkers {
  workers: Worker[];
  run(): Promise<void>;
  shutdown(): Promise<void>;
}

/** How many activities one process runs at once on each queue: few big batches, many small sends. */
const ACTIVITY_SLOTS: Record<TaskQueueName, number> = { bulk: 4, messaging: 20 };

/**
 * One worker per task queue: bulk jobs (generation, validation, imports) and latency-sensitive
 * messaging, so a million-number job never delays a campaign send. A process polls the queues in
 * `config.temporal.workerQueues` (WORKER_TASK_QUEUES), so each queue can be scaled on its own.
 */
type Providers = 'lookup' | 'sms' | 'numbers' | 'languageModel' | 'mail';

export async function createWorkers(deps: Omit<ActivityDeps, Providers> & Partial<Pick<ActivityDeps, Providers>> & { address: string }): Promise<RunningWorkers> {
  const connection = await NativeConnection.connect({ address: deps.address });
  const activities = createActivities({
    ...deps,
    lookup: deps.lookup ?? createLookupProvider(deps.config.twilio),
    sms: deps.sms ?? createSmsProvider(deps.config),
    numbers: deps.numbers ?? createNumberPurchaseProvider(deps.config),
    languageModel: deps.languageModel ?? createLanguageModel(deps.config),
    mail: deps.mail === undefined ? createMailTransport(deps.config) : deps.mail,
  });
  const workflowBundle = await prebuiltWorkflowBundle();
  // On shutdown, running activities get the grace period to finish; then they are cancelled (one that
  // heartbeats learns it and stops, and its retry runs on another worker); the force time bounds the rest.
  const graceMs = deps.config.temporal.workerShutdownGraceSeconds * 1000;
  const common = {
    connection,
    namespace: deps.config.temporal.namespace,
    activities,
    workflowBundle,
    interceptors: { activity: [tenantScopeInterceptors] },
    shutdownGraceTime: graceMs,
    shutdownForceTime: graceMs + 15_000,
  };
  const workers = await Promise.all(
    deps.config.temporal.workerQueues.map((queue) =>
      Worker.create({ ...common, taskQueue: deps.config.temporal.taskQueues[queue], maxConcurrentActivityTaskExecutions: ACTIVITY_SLOTS[queue] }),
    ),
  );
  const temporal = await connectTemporal(deps.address, deps.config.temporal.namespace);
  await ensureHousekeepingSchedule(temporal.client, deps.config).finally(() => temporal.close());
  let running: Promise<void> | undefined;
  return {
    workers,
    run() {
      running ??= Promise.all(workers.map((w) => w.run())).then(() => undefined);
      return running;
    },
    async shutdown() {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await running?.catch(() => undefined);
      await connection.close();
    },
  };
}
