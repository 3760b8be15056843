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

export { workflowsPath } from './workflow-bundle/recipe.js';

export interface RunningWorkers {
  workers: Worker[];
  run(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * One worker per task queue: bulk jobs (generation, validation, imports) and latency-sensitive
 * messaging, so a million-number job never delays a campaign send.
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
  const common = { connection, namespace: deps.config.temporal.namespace, activities, workflowBundle, interceptors: { activity: [tenantScopeInterceptors] } };
  const workers = await Promise.all([
    Worker.create({ ...common, taskQueue: deps.config.temporal.taskQueues.bulk, maxConcurrentActivityTaskExecutions: 4 }),
    Worker.create({ ...common, taskQueue: deps.config.temporal.taskQueues.messaging, maxConcurrentActivityTaskExecutions: 20 }),
  ]);
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
