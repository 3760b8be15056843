import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

export interface Database {
  orm: MikroORM;
  /** Plain pool for set-based SQL, COPY and LISTEN/NOTIFY, beside the ORM's own. */
  pool: pg.Pool;
  close(): Promise<void>;
}

// bigint columns hold ids and counters that stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openDatabase(databaseUrl: string, opts: { poolSize?: number; debug?: boolean; silentMigrations?: boolean } = {}): Promise<Database> {
  const orm = await MikroORM.init({
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: opts.silentMigrations ?? false },
    pool: { min: 0, max: opts.poolSize ?? 10 },
    debug: opts.debug ?? false,
    allowGlobalContext: false,
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.poolSize ?? 10 });
  pool.on('error', () => undefined);
  return {
    orm,
    pool,
    async close() {
      await pool.end();
      await orm.close(true);
    },
  };
}

export async function migrate(db: Database): Promise<string[]> {
  const applied = await db.orm.migrator.up();
  return applied.map((m) => m.name);
}
