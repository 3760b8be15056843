/** `npm run api`: the API alone, against external PostgreSQL and Temporal (production). */
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './logger.js';
import { assertRealProviders } from './app/providers/simulated-providers.js';
import { openDatabase } from './db/database.js';
import { migrateDatabase } from './db/migrator.js';
import { appConnection } from './db/app-role.js';
import { connectTemporal, ensureSearchAttributes } from './temporal/client.js';
import { startApi } from './api/bootstrap.js';

async function main() {
  const config = loadConfig();
  if (!(config.databaseUrl || config.database.appUrl) || !config.temporal.address) {
    throw new ConfigError(['DATABASE_URL (or DATABASE_APP_URL) and TEMPORAL_ADDRESS: both required for `npm run api` (use `npm start` for embedded defaults)']);
  }
  const logger = createLogger(config.logLevel, 'switchboard-api');
  assertRealProviders(config, logger);
  const app = appConnection(config);
  // With the owner's URL the API migrates on start; given only DATABASE_APP_URL, a migrate job did.
  if (config.databaseUrl) await migrateDatabase(config.databaseUrl, app.role);
  const db = await openDatabase(app.url);
  const temporal = await connectTemporal(config.temporal.address, config.temporal.namespace);
  await ensureSearchAttributes(temporal);
  const api = await startApi({ config, db, temporal, logger });
  logger.info({ url: config.publicBaseUrl }, 'API listening');
  // The first signal drains (requests in flight finish, SHUTDOWN_GRACE_SECONDS at most); a second one exits at once.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal, graceSeconds: config.shutdownGraceSeconds }, 'API stopping: no new connections, draining requests in flight');
    await api.close();
    await temporal.close();
    await db.close();
    logger.info('API stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).stack}\n`);
  process.exit(1);
});
