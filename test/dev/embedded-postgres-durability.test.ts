import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type PostgresDurability } from '../../src/dev/embedded-postgres.js';
import { freePort } from '../../src/dev/temporal-dev-server.js';

async function settingsOf(durability?: PostgresDurability) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'switchboard-pg-durability-'));
  chmodSync(scratch, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await freePort(), durability });
  const client = new pg.Client({ connectionString: server.url('postgres') });
  try {
    await client.connect();
    const { rows } = await client.query(`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit`);
    return rows[0];
  } finally {
    await client.end();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

describe('embedded PostgreSQL durability', () => {
  test('when started without a durability option (as `npm start` does), then fsync and synchronous_commit are on', async () => {
    expect(await settingsOf()).toEqual({ fsync: 'on', synchronous_commit: 'on' });
  });

  test('when started with the fast option (as the test harness does), then fsync and synchronous_commit are off', async () => {
    expect(await settingsOf('fast')).toEqual({ fsync: 'off', synchronous_commit: 'off' });
  });
});
