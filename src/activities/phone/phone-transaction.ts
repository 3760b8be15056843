import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';

/** Thrown inside a batch transaction to roll it back and hand `value` to the caller. */
export class Rollback<T> {
  constructor(readonly value: T) {}
}

export async function inTransactionOrRollback<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(pool, work);
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
}

/** True when a stop (cancel) was requested for the task; checked at the start of every batch. */
export async function stopRequested(client: pg.PoolClient, taskId: string): Promise<boolean> {
  const { rowCount } = await client.query(`select 1 from phone_task_stop_requests where task_id = $1`, [taskId]);
  return (rowCount ?? 0) > 0;
}
