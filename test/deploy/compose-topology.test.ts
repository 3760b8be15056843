import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { freePort } from '../../src/dev/temporal-dev-server.js';
import { eventually } from '../support/eventually.js';

/**
 * docker-compose.yml cannot run here (no Docker engine), so its shape is checked by reading it and
 * by running its services' commands as processes with their environments, pointed at this run's
 * PostgreSQL and Temporal instead of the compose hostnames.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string | null> }>;
};
// What an operator's .env holds; the app password is the one this test run gave the shared role.
const dotenv: Record<string, string> = {
  JWT_SECRET: 'compose-test-jwt-secret-0123456789abcdef',
  RAZORPAY_WEBHOOK_SECRET: 'compose-test-webhook-secret',
  DATABASE_APP_PASSWORD: process.env.DATABASE_APP_PASSWORD!,
  POSTGRES_PASSWORD: 'unused-in-this-test',
  // No Twilio, SMTP or OpenAI here: the operator of a demo install opts in to the simulations.
  ALLOW_SIMULATED_PROVIDERS: 'true',
};

/** `${VAR}`, `${VAR:-default}` and `${VAR:?message}` as compose substitutes them. */
function substitute(value: string): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    if (dotenv[name] !== undefined) return dotenv[name];
    if (op === '?') throw new Error(`compose requires ${name}: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}

function environmentOf(service: string): Record<string, string> {
  const raw = compose.services[service].environment ?? {};
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, substitute(String(v))]));
}

/** The compose hostnames, redirected to this run's servers. */
function onThisMachine(env: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const run = new URL(process.env.DATABASE_URL!);
  const local = (url: string, asRunOwner: boolean) => {
    const u = new URL(url);
    u.host = run.host;
    u.pathname = run.pathname;
    // The compose owner is the postgres image's superuser; here it is this run's.
    if (asRunOwner) [u.username, u.password] = [run.username, run.password];
    return u.toString();
  };
  const out = { ...env, ...extra };
  if (out.DATABASE_URL) out.DATABASE_URL = local(out.DATABASE_URL, true);
  if (out.DATABASE_APP_URL) out.DATABASE_APP_URL = local(out.DATABASE_APP_URL, false);
  if (out.TEMPORAL_ADDRESS) out.TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS!;
  return out;
}

function run(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, script)], {
    cwd: root,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', resolve));

describe('docker-compose topology', () => {
  test('when the services are read, then only the migrate job holds the owner credentials and the API and workers connect as the application role', () => {
    for (const service of ['api', 'worker']) {
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
    expect(compose.services.worker.command).toEqual(['npm', 'run', 'worker']);
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
