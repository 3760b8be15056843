import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';

/** Anything that runs a query: the pool, or one client inside a transaction. */
export interface Sql {
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Runs `work` in one transaction on one client; rolls back when it throws. */
export const withTransaction = <T>(pool: pg.Pool, work: (sql: Sql) => Promise<T>): Promise<T> => inTransaction(pool, work);
