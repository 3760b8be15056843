/** `npm run api`: the API alone, against external PostgreSQL and Temporal (production). */
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './logger.js';
import { openDatabase, migrate } from './db/orm.js';
import { connectTemporal, ensureSearchAttributes } from './temporal/client.js';
import { startApi } from './api/bootstrap.js';

async function main() {
  const config = loadConfig();
  if (!config.databaseUrl || !config.temporal.address) {
    throw new ConfigError(['DATABASE_URL and TEMPORAL_ADDRESS: both required for `npm run api` (use `npm start` for embedded defaults)']);
  }
  const logger = createLogger(config.logLevel, 'switchboard-api');
  const db = await openDatabase(config.databaseUrl);
  await migrate(db);
  const temporal = await connectTemporal(config.temporal.address, config.temporal.namespace);
  await ensureSearchAttributes(temporal);
  const api = await startApi({ config, db, temporal, logger });
  logger.info({ url: config.publicBaseUrl }, 'API listening');
  const stop = async () => {
    await api.close();
    await temporal.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).stack}\n`);
  process.exit(1);
});
