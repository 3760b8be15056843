import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';
import { TenantScopedPool } from './scoped-pool.js';
import { assertConfinedRole, provisionAppRole, type AppRole } from './app-role.js';

export interface Database {
  orm: MikroORM;
  /** The pool for set-based SQL, COPY and LISTEN/NOTIFY; every checkout carries the scoped tenant. */
  pool: pg.Pool;
  close(): Promise<void>;
}

// bigint columns hold ids and counters that stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** The application's connection, as its own confined role (see app-role.ts). */
export async function openDatabase(appUrl: string, opts: { poolSize?: number; debug?: boolean } = {}): Promise<Database> {
  const orm = await initOrm(appUrl, opts);
  const pool = new TenantScopedPool({ connectionString: appUrl, max: opts.poolSize ?? 10 });
  pool.on('error', () => undefined);
  try {
    await assertConfinedRole(pool);
  } catch (err) {
    await pool.end();
    await orm.close(true);
    throw err;
  }
  return {
    orm,
    pool,
    async close() {
      await pool.end();
      await orm.close(true);
    },
  };
}

/** As the owner: applies pending migrations, then provisions the application role. */
export async function migrateDatabase(ownerUrl: string, appRole: AppRole, opts: { silent?: boolean } = {}): Promise<string[]> {
  const orm = await initOrm(ownerUrl, { poolSize: 2, silentMigrations: opts.silent });
  try {
    const applied = await orm.migrator.up();
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await provisionAppRole(owner, appRole);
    } finally {
      await owner.end();
    }
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}

function initOrm(url: string, opts: { poolSize?: number; debug?: boolean; silentMigrations?: boolean }) {
  return MikroORM.init({
    clientUrl: url,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: opts.silentMigrations ?? false },
    pool: { min: 0, max: opts.poolSize ?? 10 },
    debug: opts.debug ?? false,
    allowGlobalContext: false,
  });
}
