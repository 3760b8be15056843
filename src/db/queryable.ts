import type pg from 'pg';

/** Anything that runs a statement: the (tenant-scoped) pool, or one client inside a transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>;
