import type { Queryable } from '../queryable.js';

export interface ImportCounts {
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
}

export interface LedgerRow extends ImportCounts {
  task_id: string;
  tenant_id: number;
  upload_id: string;
  header: string[];
  header_end: number;
  estimated_rows: number;
  byte_offset: number;
  rows_read: number;
  batches: number;
  done: boolean;
  cancel_requested: boolean;
}

/** How far a committed batch moved the import. */
export interface BatchAdvance extends ImportCounts {
  byteOffset: number;
  rowsRead: number;
  done: boolean;
}

/** One advisory lock per import (`$1` is its task id), held to the end of the transaction that takes it. */
const IMPORT_LOCK = `pg_advisory_xact_lock(hashtext('contact-import:' || $1))`;

/**
 * The import's resume point and running counts (contact_import_ledgers). It only ever moves inside the
 * transaction that writes the batch it describes, so it can never say more or less than was stored.
 */
export class ImportLedger {
  constructor(private readonly db: Queryable) {}

  /** Creates the ledger once; a retried preparation finds the first one. */
  async open(l: { taskId: string; tenantId: number; uploadId: string; header: string[]; headerEnd: number; estimatedRows: number }): Promise<LedgerRow> {
    await this.db.query(
      `insert into contact_import_ledgers (task_id, tenant_id, upload_id, header, header_end, estimated_rows, byte_offset)
       values ($1, $2, $3, $4, $5, $6, $5) on conflict (task_id) do nothing`,
      [l.taskId, l.tenantId, l.uploadId, l.header, l.headerEnd, l.estimatedRows],
    );
    return (await this.find(l.taskId))!;
  }

  /**
   * A batch of an import takes this lock first, and `requestCancel` takes it in its own statement: a
   * heavyweight lock is handed to its first waiter, where a row lock may go to whichever asks again
   * first, so a cancel that queued behind a batch always lands before the next one.
   */
  async serialiseBatch(taskId: string): Promise<void> {
    await this.db.query(`select ${IMPORT_LOCK} as batch_lock`, [taskId]);
  }

  async find(taskId: string, opts: { forUpdate?: boolean } = {}): Promise<LedgerRow | null> {
    const { rows } = await this.db.query<LedgerRow>(`select * from contact_import_ledgers where task_id = $1${opts.forUpdate ? ' for update' : ''}`, [taskId]);
    return rows[0] ?? null;
  }

  async advance(taskId: string, a: BatchAdvance): Promise<LedgerRow> {
    const { rows } = await this.db.query<LedgerRow>(
      `update contact_import_ledgers set byte_offset = $2, rows_read = $3, created = created + $4, updated = updated + $5,
              skipped = skipped + $6, rejected = rejected + $7, done = $8, batches = batches + 1, updated_at = now()
        where task_id = $1 returning *`,
      [taskId, a.byteOffset, a.rowsRead, a.created, a.updated, a.skipped, a.rejected, a.done],
    );
    return rows[0];
  }

  /**
   * Takes effect before the next batch: each batch reads the flag under the row lock it commits with,
   * after `serialiseBatch`; the lock and the update are one statement, so no caller needs a transaction
   * for the order to hold. False when every row is already stored; true when no ledger exists yet
   * (nothing was read).
   */
  async requestCancel(taskId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ done: boolean }>(
      `with serialised as (select ${IMPORT_LOCK} as cancel_lock)
       update contact_import_ledgers set cancel_requested = not done, updated_at = now()
        where task_id = $1 and exists (select from serialised) returning done`,
      [taskId],
    );
    return rows.length === 0 || !rows[0].done;
  }
}
