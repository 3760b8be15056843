/**
 * What every bench needs, started once per `npm run bench`: PostgreSQL (embedded unless DATABASE_URL,
 * in which case a scratch database on that server), Temporal (the CLI dev server unless TEMPORAL_ADDRESS),
 * migrations, the worker as a separate process (so its memory can be measured) and the API in this one.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startLocalInfra } from '../../src/dev/local-stack.js';
import { dropDatabase, ensureDatabase, type PostgresDurability } from '../../src/dev/embedded-postgres.js';
import { freePort } from '../../src/dev/temporal-dev-server.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrator.js';
import { appConnection } from '../../src/db/app-role.js';
import { connectTemporal, type TemporalHandle } from '../../src/temporal/client.js';
import { startApi, type RunningApi } from '../../src/api/bootstrap.js';
import { newApiKey, sha256 } from '../../src/domain/identity/secrets.js';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-process.js';

export interface BenchAccount {
  tenantId: number;
  userId: number;
  apiKey: string;
}

export interface BenchInfra {
  config: Config;
  db: Database;
  pool: pg.Pool;
  temporal: TemporalHandle;
  api: RunningApi;
  apiUrl: string;
  worker: WorkerProcess;
  scratch: string;
  /** fsync and synchronous_commit as the server reports them. */
  settings: { fsync: string; synchronous_commit: string };
  /** A fresh tenant with one owner and an API key. */
  account(): Promise<BenchAccount>;
  log(line: string): void;
  stop(): Promise<void>;
}

export async function startBenchInfra(opts: { durability?: PostgresDurability } = {}): Promise<BenchInfra> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'));
  chmodSync(scratch, 0o755); // embedded PostgreSQL runs as its own user and must reach its data folder
  const runId = randomBytes(3).toString('hex');
  const external = process.env.DATABASE_URL;
  const benchDb = `switchboard_bench_${runId}`;
  const env = {
    ...process.env,
    DATA_DIR: scratch,
    EMBEDDED_PG_PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TASK_QUEUE_PREFIX: `bench-${runId}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    // Benchmarks measure throughput, not the per-user request budgets.
    RATE_LIMIT_DEFAULT_PER_HOUR: '100000000',
    RATE_LIMIT_CONTACTS_PER_MINUTE: '100000000',
    RATE_LIMIT_CAMPAIGNS_PER_MINUTE: '100000000',
    RATE_LIMIT_BULK_PER_MINUTE: '100000000',
    RATE_LIMIT_SMS_PER_MINUTE: '100000000',
  };
  const logger = createLogger('warn');
  const local = await startLocalInfra(loadConfig(env), logger, { pgDurability: opts.durability ?? 'durable' });
  let databaseUrl = local.databaseUrl;
  if (external) {
    await ensureDatabase(external, benchDb);
    databaseUrl = withDatabase(external, benchDb);
  }
  const config = loadConfig({ ...env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: local.temporalAddress });
  const app = appConnection(config);
  await migrateDatabase(databaseUrl, app.role, { silent: true });
  const db = await openDatabase(app.url, { poolSize: 10 });
  // Floors and fixtures are measured and arranged as the owner: the raw database, no row-level security.
  const owner = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const settings = (await owner.query(`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit`)).rows[0];
  const temporal = await connectTemporal(local.temporalAddress, config.temporal.namespace);
  const worker = await startWorkerProcess({
    env: { ...env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: local.temporalAddress },
    logFile: path.join(scratch, 'worker.log'),
  });
  const api = await startApi({ config, db, temporal, logger, port: 0 });
  return {
    config,
    db,
    pool: owner,
    temporal,
    api,
    apiUrl: api.url,
    worker,
    scratch,
    settings,
    account: () => makeAccount(owner),
    log: (line) => console.log(line),
    async stop() {
      await api.close();
      await worker.stop();
      await temporal.close();
      await db.close();
      await owner.end();
      if (external) await dropDatabase(external, benchDb).catch(() => undefined);
      await local.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

async function makeAccount(pool: pg.Pool): Promise<BenchAccount> {
  const suffix = randomBytes(4).toString('hex');
  const tenantId = (await pool.query<{ id: number }>(`insert into tenants (name, slug) values ($1, $1) returning id`, [`bench-${suffix}`])).rows[0].id;
  const userId = (
    await pool.query<{ id: number }>(`insert into users (email, username, password_hash, active_tenant_id) values ($1, $1, 'x', $2) returning id`, [
      `bench-${suffix}@example.test`,
      tenantId,
    ])
  ).rows[0].id;
  await pool.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, 'owner')`, [tenantId, userId]);
  const apiKey = newApiKey();
  await pool.query(`insert into api_keys (user_id, prefix, key_hash) values ($1, $2, $3)`, [userId, apiKey.slice(0, 8), sha256(apiKey)]);
  return { tenantId, userId, apiKey };
}

function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
