import type pg from 'pg';
import { eventually } from './eventually.js';

/**
 * A row the test inserts and leaves uncommitted, with a key a job is about to write (a batch's ledger
 * key, a contact's email): the job's own insert of that key waits on it, inside its activity, until the
 * test releases the gate, and then goes on as if the row had never been there. How a test holds a job
 * part-way through, whatever the job's size or the machine's speed.
 */
export class RowGate {
  private released = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly client: pg.PoolClient,
    /** The gate's backend, which the held statement waits on. */
    readonly pid: number,
    private readonly held: string,
  ) {}

  /** `held` is a LIKE pattern of the job's statement that the gate holds, so no other waiter is taken for it. */
  static async hold(pool: pg.Pool, insert: string, params: unknown[], held: string): Promise<RowGate> {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      await client.query(insert, params);
      return new RowGate(pool, client, rows[0].pid, held);
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      client.release();
      throw err;
    }
  }

  /** Resolves, with the waiting backends, once the held statement waits on the gate: the job is held there. */
  reached(timeout = 120_000): Promise<number[]> {
    return waitersOn(this.pool, [this.pid], this.held, { timeout, what: `a statement like '${this.held}' waiting on the gate` });
  }

  /** Rolls the row back: the held statement goes on. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      await this.client.query('rollback');
    } finally {
      this.client.release();
    }
  }
}

/**
 * Resolves, with the waiting backends, once a backend running a statement like `statement` (a LIKE
 * pattern; other tests' backends may wait on the same locks) waits on a lock one of `pids` holds.
 */
export function waitersOn(pool: pg.Pool, pids: number[], statement: string, opts: { timeout?: number; what?: string } = {}): Promise<number[]> {
  const read = async () =>
    (
      await pool.query<{ pid: number }>(`select pid from pg_stat_activity where pg_blocking_pids(pid) && $1::int[] and query ilike $2`, [pids, statement])
    ).rows.map((r) => r.pid);
  return eventually(read, (waiting) => waiting.length > 0, { what: `a statement like '${statement}' waiting on ${pids.join(', ')}`, ...opts });
}
