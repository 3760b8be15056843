import { loadConfig } from '../../src/config.js';
import { appConnection } from '../../src/db/app-role.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { withTenant } from '../../src/db/tenant-scope.js';

/** One connection, so every checkout below reuses the same server session. */
let db: Database;

beforeAll(async () => {
  db = await openDatabase(appConnection(loadConfig(process.env)).url, { poolSize: 1 });
});
afterAll(() => db.close());

const seen = async () =>
  (await db.pool.query<{ tenant: string; pid: number }>(`select current_setting('app.tenant_id', true) as tenant, pg_backend_pid() as pid`)).rows[0];

describe('the tenant-scoped pool', () => {
  test('when one connection serves tenant 1, tenant 2, no tenant and tenant 1 again in turn, then each checkout carries its own scope', async () => {
    const turns = [await withTenant(1, seen), await withTenant(2, seen), await seen(), await withTenant(1, seen), await withTenant(1, seen)];
    expect(turns.map((t) => t.tenant)).toEqual(['1', '2', '', '1', '1']);
    expect(new Set(turns.map((t) => t.pid)).size).toBe(1);
  });

  test('when a connection is handed back inside a transaction, then it is dropped and the next checkout gets a fresh one in its own scope', async () => {
    const leaked = await withTenant(1, async () => {
      const client = await db.pool.connect();
      await client.query('begin');
      const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
      client.release();
      return pid;
    });
    const next = await withTenant(2, seen);
    expect(next.tenant).toBe('2');
    expect(next.pid).not.toBe(leaked);
  });
});
