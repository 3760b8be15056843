/** `npm run worker`: the Temporal worker alone, against external PostgreSQL and Temporal (production). */
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './logger.js';
import { assertRealProviders } from './app/providers/simulated-providers.js';
import { openDatabase } from './db/database.js';
import { appConnection } from './db/app-role.js';
import { createWorkers } from './temporal/worker.js';
import { installTemporalRuntimeLogging } from './temporal/runtime-logging.js';
import { startWorkerHealthServer } from './temporal/worker-health.js';

async function main() {
  const config = loadConfig();
  if (!(config.databaseUrl || config.database.appUrl) || !config.temporal.address) {
    throw new ConfigError(['DATABASE_APP_URL (or DATABASE_URL) and TEMPORAL_ADDRESS: both required for `npm run worker` (use `npm start` for embedded defaults)']);
  }
  const logger = createLogger(config.logLevel, 'switchboard-worker');
  assertRealProviders(config, logger);
  installTemporalRuntimeLogging(logger);
  const db = await openDatabase(appConnection(config).url);
  const workers = await createWorkers({ config, db, logger, address: config.temporal.address });
  const healthPort = config.temporal.workerHealthPort;
  const health = healthPort ? await startWorkerHealthServer(healthPort, workers.workers) : undefined;
  // The first signal stops polling and lets running activities finish (WORKER_SHUTDOWN_GRACE_SECONDS); a second exits at once.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal, graceSeconds: config.temporal.workerShutdownGraceSeconds }, 'worker stopping: no new tasks, letting running activities finish');
    await workers.shutdown();
    await health?.close();
    await db.close();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const running = workers.run();
  logger.info({ taskQueues: config.temporal.workerQueues.map((queue) => config.temporal.taskQueues[queue]), healthPort: health?.port }, 'worker running');
  await running;
}

main().catch((err) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).stack}\n`);
  process.exit(1);
});
