import type pg from 'pg';

/** Runs `work` in one transaction on one pooled connection; rolls back on any throw. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Thrown inside `inTransactionOrRollback` to roll the transaction back and hand `value` to the caller. */
export class Rollback<T> {
  constructor(readonly value: T) {}
}

/** `inTransaction` for work that may end without committing yet still answer (a batch found done or stopped). */
export async function inTransactionOrRollback<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(pool, work);
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
}
