/**
 * One real PostgreSQL database and one real Temporal dev server for the whole run, plus one worker
 * process on a run-specific task-queue prefix. DATABASE_URL / TEMPORAL_ADDRESS are used when set;
 * otherwise embedded PostgreSQL and the Temporal CLI dev server are started here.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensureDatabase, startEmbeddedPostgres } from '../../src/dev/embedded-postgres.js';
import { freePort, provisionTemporalCli, startTemporalDevServer } from '../../src/dev/temporal-dev-server.js';
import { migrateDatabase } from '../../src/db/migrator.js';
import { startWorkerProcess } from './worker-process.js';
import { STATE_FILE, type RunState } from './run-state.js';

export default async function startRun() {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-'));
  chmodSync(scratch, 0o755); // embedded PostgreSQL runs as its own user and must reach its data folder
  const state: RunState = { runId, scratch, pids: [] };

  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const port = await freePort();
    const pg = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port, durability: 'fast' });
    adminUrl = pg.url('postgres');
    (globalThis as Record<string, unknown>).__switchboardPg = pg;
  }
  const dbName = `switchboard_test_${runId}`;
  await ensureDatabase(adminUrl, dbName);
  const databaseUrl = withDatabase(adminUrl, dbName);
  state.adminUrl = adminUrl;
  state.dbName = dbName;
  // One password for every run, so runs sharing a PostgreSQL server never change each other's role.
  const appPassword = 'switchboard-test-app-role';
  await migrateDatabase(databaseUrl, { name: 'switchboard_app', password: appPassword }, { silent: true });

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const cli = await provisionTemporalCli();
    const temporal = await startTemporalDevServer({ cli, port: await freePort(), uiPort: await freePort(), namespace: 'default' });
    temporalAddress = temporal.address;
    state.pids.push(temporal.process.pid!);
    (globalThis as Record<string, unknown>).__switchboardTemporal = temporal;
  }

  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_APP_PASSWORD: appPassword,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TASK_QUEUE_PREFIX: `test-${runId}`,
    DATA_DIR: path.join(scratch, 'data'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    PUBLIC_BASE_URL: 'https://switchboard.test',
  });
  const worker = await startWorkerProcess({ env: process.env, logFile: path.join(scratch, 'worker.log') });
  state.pids.push(worker.pid);
  (globalThis as Record<string, unknown>).__switchboardWorker = worker;
  writeFileSync(STATE_FILE, JSON.stringify(state));
}

function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
