import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { ensureDatabase, startEmbeddedPostgres, type PostgresDurability } from './embedded-postgres.js';
import { provisionTemporalCli, startTemporalDevServer } from './temporal-dev-server.js';

export interface LocalInfra {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  started: string[];
  stop(): Promise<void>;
}

/**
 * Fills in what the environment does not provide: embedded PostgreSQL when DATABASE_URL is unset,
 * the Temporal CLI dev server (SQLite under DATA_DIR, Web UI) when TEMPORAL_ADDRESS is unset.
 */
export async function startLocalInfra(config: Config, logger: Logger, opts: { pgDurability?: PostgresDurability } = {}): Promise<LocalInfra> {
  const stops: (() => Promise<void>)[] = [];
  const started: string[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => logger.warn({ err }, 'stopping a local service failed'));
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const pgLog = logger.child({ service: 'postgres' });
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: config.embeddedPgPort,
        durability: opts.pgDurability,
        onLog: (line) => pgLog.debug(line.trim()),
      });
      stops.push(() => pg.stop());
      await ensureDatabase(pg.url('postgres'), 'switchboard');
      databaseUrl = pg.url('switchboard');
      started.push(`embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${path.join(config.dataDir, 'postgres')})`);
    }
    let temporalAddress = config.temporal.address;
    let temporalUiUrl: string | undefined;
    if (!temporalAddress) {
      const cli = await provisionTemporalCli();
      const tLog = logger.child({ service: 'temporal' });
      const temporal = await startTemporalDevServer({
        cli,
        port: config.temporal.devPort,
        uiPort: config.temporal.uiPort,
        namespace: config.temporal.namespace,
        dbFile: path.join(config.dataDir, 'temporal', 'temporal.db'),
        onLog: (line) => tLog.debug(line.trim()),
      });
      stops.push(() => temporal.stop());
      temporalAddress = temporal.address;
      temporalUiUrl = temporal.uiUrl;
      started.push(`Temporal dev server on ${temporal.address} (SQLite in ${path.join(config.dataDir, 'temporal')})`);
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, started, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
