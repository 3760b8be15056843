import pg from 'pg';
import { currentTenantId } from './tenant-scope.js';

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

const TENANT_SET = Symbol('app.tenant_id as last set on this connection');
type TrackedClient = pg.PoolClient & { [TENANT_SET]?: string; getTransactionStatus(): string | null };

/**
 * A pg pool whose every checkout carries the caller's tenant: `app.tenant_id` is set on the
 * connection before the caller gets it (empty outside a tenant scope), so the row-level security
 * policies see exactly the scoped tenant. `pool.query`, `inTransaction` and hand-made transactions
 * all check out through here; nothing else sets the variable.
 *
 * The setting is session-wide and made outside any transaction, so it stays until this pool sets
 * it again: a connection that already carries the caller's tenant is handed out without the extra
 * round trip. One handed back inside a transaction (whose end could undo a setting) is dropped.
 */
export class TenantScopedPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const tenant = currentTenantId();
    const checkout = this.checkout(tenant === undefined ? '' : String(tenant));
    if (!callback) return checkout;
    checkout.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
      (err: Error) => callback(err, undefined, () => undefined),
    );
  }

  private async checkout(tenant: string): Promise<pg.PoolClient> {
    for (let attempt = 1; ; attempt++) {
      const client = (await super.connect()) as TrackedClient;
      if (client.getTransactionStatus() !== 'I') {
        client.release(true);
        continue;
      }
      if (client[TENANT_SET] === tenant) return client;
      try {
        await client.query(`select set_config('app.tenant_id', $1, false)`, [tenant]);
        client[TENANT_SET] = tenant;
        return client;
      } catch (err) {
        client.release(err as Error); // a broken connection is dropped, never reused
        if (attempt >= 2) throw err;
      }
    }
  }
}
