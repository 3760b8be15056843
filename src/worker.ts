/** `npm run worker`: the Temporal worker alone, against external PostgreSQL and Temporal (production). */
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './logger.js';
import { assertRealProviders } from './app/providers/simulated-providers.js';
import { openDatabase } from './db/database.js';
import { appConnection } from './db/app-role.js';
import { createWorkers } from './temporal/worker.js';
import { installTemporalRuntimeLogging } from './temporal/runtime-logging.js';

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
  const stop = async () => {
    await workers.shutdown();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  logger.info({ taskQueues: config.temporal.taskQueues }, 'worker running');
  await workers.run();
}

main().catch((err) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).stack}\n`);
  process.exit(1);
});
