/**
 * Runs bench/phone-reads.bench.ts on its own: a scratch embedded PostgreSQL and Temporal dev server
 * (or DATABASE_URL / TEMPORAL_ADDRESS when set), migrations, the real API on a free port, two accounts.
 * Usage: npx tsx bench/phone-reads.main.ts [rows]
 */
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startLocalInfra } from '../src/dev/local-stack.js';
import { freePort } from '../src/dev/temporal-dev-server.js';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateDatabase } from '../src/db/migrator.js';
import { appConnection } from '../src/db/app-role.js';
import { connectTemporal } from '../src/temporal/client.js';
import { startApi } from '../src/api/bootstrap.js';
import { newApiKey, sha256 } from '../src/domain/identity/secrets.js';
import { run } from './phone-reads.bench.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'));
chmodSync(scratch, 0o755);
const config = loadConfig({
  ...process.env,
  DATA_DIR: scratch,
  EMBEDDED_PG_PORT: String(await freePort()),
  TEMPORAL_DEV_PORT: String(await freePort()),
  TEMPORAL_UI_PORT: String(await freePort()),
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
});
const logger = createLogger('warn');
const infra = await startLocalInfra(config, logger);
const app = appConnection({ ...config, databaseUrl: infra.databaseUrl });
await migrateDatabase(infra.databaseUrl, app.role, { silent: true });
const db = await openDatabase(app.url, { poolSize: 10 });
const owner = new pg.Pool({ connectionString: infra.databaseUrl, max: 10 });
const temporal = await connectTemporal(infra.temporalAddress, config.temporal.namespace);
try {
  const api = await startApi({ config, db, temporal, logger, port: 0 });
  try {
    const account = await makeAccount(owner);
    const neighbour = await makeAccount(owner);
    await run({ pool: owner, apiUrl: api.url, account, neighbour, rows: Number(process.argv[2] ?? 1_000_000) });
  } finally {
    await api.close();
  }
} finally {
  await temporal.close();
  await db.close();
  await infra.stop();
  rmSync(scratch, { recursive: true, force: true });
}

async function makeAccount(pool: pg.Pool) {
  const suffix = randomBytes(4).toString('hex');
  const tenantId = (await pool.query<{ id: number }>(`insert into tenants (name, slug) values ($1, $1) returning id`, [`bench-${suffix}`])).rows[0].id;
  const userId = (
    await pool.query<{ id: number }>(
      `insert into users (email, username, password_hash, active_tenant_id) values ($1, $1, 'x', $2) returning id`,
      [`bench-${suffix}@example.test`, tenantId],
    )
  ).rows[0].id;
  await pool.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, 'owner')`, [tenantId, userId]);
  const apiKey = newApiKey();
  await pool.query(`insert into api_keys (user_id, prefix, key_hash) values ($1, $2, $3)`, [userId, apiKey.slice(0, 8), sha256(apiKey)]);
  return { tenantId, userId, apiKey };
}
