import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/dev/temporal-dev-server.js';
import { eventually } from '../support/eventually.js';
import { compose, dotenv, environmentOf, exited, onThisMachine, runScript as run } from './compose-file.js';

/**
 * docker-compose.yml cannot run here (no Docker engine), so its shape is checked by reading it and
 * by running its services' commands as processes with their environments, pointed at this run's
 * PostgreSQL and Temporal instead of the compose hostnames.
 */
describe('docker-compose topology', () => {
  test('when the services are read, then only the migrate job holds the owner credentials and the API and workers connect as the application role', () => {
    for (const service of ['api', 'worker-bulk', 'worker-messaging']) {
      const env = environmentOf(service);
      expect({ service, owner: env.DATABASE_URL }).toEqual({ service, owner: undefined });
      expect(new URL(env.DATABASE_APP_URL).username).toBe('switchboard_app');
      expect(env.NODE_ENV).toBe('production');
    }
    const migrate = environmentOf('migrate');
    expect(new URL(migrate.DATABASE_URL).username).toBe('switchboard');
    expect(new URL(migrate.DATABASE_APP_URL).password).toBe(dotenv.DATABASE_APP_PASSWORD);
    expect(compose.services.migrate.command).toEqual(['npm', 'run', 'migrate']);
    expect(compose.services.api.command).toEqual(['npm', 'run', 'api']);
    expect(compose.services['worker-bulk'].command).toEqual(['npm', 'run', 'worker']);
    expect(compose.services['worker-messaging'].command).toEqual(['npm', 'run', 'worker']);
  });

  test("when the migrate job's command runs with its environment, then it succeeds; when the API's runs with its own, then it serves as the confined role", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-compose-'));
    const migrate = run('src/db/migrate-cli.ts', onThisMachine(environmentOf('migrate'), { DATA_DIR: dataDir }));
    let migrateLog = '';
    migrate.stdout!.on('data', (d: Buffer) => (migrateLog += d));
    migrate.stderr!.on('data', (d: Buffer) => (migrateLog += d));
    const code = await exited(migrate);
    expect({ code, log: code === 0 ? '' : migrateLog }).toEqual({ code: 0, log: '' });

    const port = await freePort();
    const api = run('src/server.ts', onThisMachine(environmentOf('api'), { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }));
    let apiLog = '';
    api.stderr!.on('data', (d: Buffer) => (apiLog += d));
    try {
      type Health = { status?: string; services?: { database?: { status?: string } } };
      const read = async () => ({
        health: (await fetch(`http://127.0.0.1:${port}/api/health/`).then((r) => r.json(), () => ({}))) as Health,
        exited: api.exitCode !== null,
      });
      const { health } = await eventually(read, (r) => r.health.status === 'healthy' || r.exited, { timeout: 60_000, interval: 500, what: 'the API to answer healthy' });
      expect({ health: health.status, database: health.services?.database?.status, log: api.exitCode === null ? '' : apiLog }).toEqual({ health: 'healthy', database: 'healthy', log: '' });
    } finally {
      api.kill('SIGTERM');
      await exited(api);
    }
  });
});
