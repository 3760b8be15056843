/**
 * `npm start`: the whole platform on embedded defaults — PostgreSQL and the Temporal dev server when
 * not configured, migrations, the worker and the API in this process. Ctrl-C stops all of it.
 */
import { loadConfig, ConfigError, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { assertRealProviders } from '../app/providers/simulated-providers.js';
import { openDatabase } from '../db/database.js';
import { migrateDatabase } from '../db/migrator.js';
import { appConnection } from '../db/app-role.js';
import { connectTemporal, ensureSearchAttributes } from '../temporal/client.js';
import { createWorkers } from '../temporal/worker.js';
import { installTemporalRuntimeLogging } from '../temporal/runtime-logging.js';
import { startApi } from '../api/bootstrap.js';
import { startLocalInfra } from './local-stack.js';

async function main() {
  const t0 = performance.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  assertRealProviders(config, logger);
  installTemporalRuntimeLogging(logger);
  process.stdout.write(`${startupPlan(config)}\n`);
  const infra = await startLocalInfra(config, logger);
  const cleanups: (() => Promise<void>)[] = [() => infra.stop()];
  let stopping = false;
  const stopAll = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    for (const c of cleanups.reverse()) await c().catch((err) => logger.warn({ err }, 'shutdown step failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll('SIGINT'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));
  process.on('SIGHUP', () => void stopAll('SIGHUP'));

  try {
    const app = appConnection({ ...config, databaseUrl: infra.databaseUrl });
    const applied = await migrateDatabase(infra.databaseUrl, app.role);
    const db = await openDatabase(app.url);
    cleanups.push(() => db.close());
    const temporal = await connectTemporal(infra.temporalAddress, config.temporal.namespace);
    cleanups.push(() => temporal.close());
    await ensureSearchAttributes(temporal);
    const workers = await createWorkers({ config, db, logger, address: infra.temporalAddress });
    cleanups.push(() => workers.shutdown());
    workers.run().catch((err) => {
      logger.error({ err }, 'worker stopped');
      void stopAll('worker-failure');
    });
    const api = await startApi({ config, db, temporal, logger });
    cleanups.push(() => api.close());

    const base = config.publicBaseUrl;
    const lines = [
      '',
      `Switchboard is up in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
      ...infra.started.map((s) => `  started    ${s}`),
      `  migrations ${applied.length ? applied.join(', ') : 'up to date'}`,
      `  API        ${base}/api/`,
      `  console    ${base}/console/  (live tasks and campaigns; sign in with any account)`,
      `  docs       ${base}/api/docs  (OpenAPI: ${base}/api/openapi.json)`,
      `  Socket.IO  ${base.replace(/^http/, 'ws')}/socket.io/  (plain WebSocket: ${base.replace(/^http/, 'ws')}/ws/tasks/<user_id>/?token=...)`,
      `  Temporal   ${infra.temporalAddress}, namespace ${config.temporal.namespace}`,
      `  Temporal UI ${infra.temporalUiUrl ?? '(external server: see its own Web UI)'}`,
      'Press Ctrl-C to stop everything.',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } catch (err) {
    logger.error({ err }, 'start-up failed');
    await stopAll('startup-failure');
  }
}

/** What this start is about to do, said once before the slow parts. */
function startupPlan(config: Config): string {
  const steps = [
    config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `embedded PostgreSQL (data in ${config.dataDir}/postgres)`,
    config.temporal.address ? `Temporal at ${config.temporal.address}` : 'the Temporal dev server (the Temporal CLI: found, or built once per machine in about 5 minutes)',
    'migrations',
    'the worker',
    'the API',
  ];
  return `Starting Switchboard: ${steps.join(', ')}.`;
}

main().catch((err) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).stack}\n`);
  process.exit(1);
});
