import pg from 'pg';
import { TenantScopedPool } from './scoped-pool.js';
import { assertConfinedRole } from './app-role.js';

export interface Database {
  /**
   * The process's one pool, as the confined application role: every store, transaction, COPY and
   * cursor checks out here, and every checkout carries the scoped tenant.
   */
  pool: pg.Pool;
  close(): Promise<void>;
}

// bigint columns hold ids and counters that stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** The application's connection, as its own confined role (see app-role.ts). */
export async function openDatabase(appUrl: string, opts: { poolSize?: number } = {}): Promise<Database> {
  const pool = new TenantScopedPool({ connectionString: appUrl, max: opts.poolSize ?? 10 });
  pool.on('error', () => undefined);
  try {
    await assertConfinedRole(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return { pool, close: () => pool.end() };
}
