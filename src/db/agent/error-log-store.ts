import type pg from 'pg';

export interface ErrorLogRow {
  id: number;
  user_phone: string | null;
  task_id: number | null;
  error_type: string;
  error_message: string;
  stack_trace: string | null;
  timestamp: Date;
  resolved: boolean;
  resolution_notes: string | null;
  metadata: Record<string, unknown>;
}

export interface NewErrorLog {
  tenantId: number;
  userPhone: string | null;
  taskId: number | null;
  errorType: string;
  errorMessage: string;
  stackTrace?: string | null;
  metadata?: Record<string, unknown>;
}

export interface ErrorLogFilter {
  error_type?: string;
  resolved?: boolean;
  user_phone?: string;
  start_date?: Date;
  end_date?: Date;
}

const COLUMNS = 'id, user_phone, task_id, error_type, error_message, stack_trace, timestamp, resolved, resolution_notes, metadata';

export async function recordError(pool: pg.Pool, e: NewErrorLog): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `insert into error_logs (tenant_id, user_phone, task_id, error_type, error_message, stack_trace, metadata)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [e.tenantId, e.userPhone, e.taskId, e.errorType, e.errorMessage, e.stackTrace ?? null, JSON.stringify(e.metadata ?? {})],
  );
  return rows[0].id;
}

export async function listErrorLogs(pool: pg.Pool, tenantId: number, f: ErrorLogFilter, page: { limit: number; offset: number }) {
  const params: unknown[] = [tenantId];
  const where = ['tenant_id = $1'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.error_type) add('error_type = ?', f.error_type);
  if (f.resolved !== undefined) add('resolved = ?', f.resolved);
  if (f.user_phone) add('user_phone = ?', f.user_phone);
  if (f.start_date) add('timestamp >= ?', f.start_date);
  if (f.end_date) add('timestamp <= ?', f.end_date);
  const w = where.join(' and ');
  const [data, total] = await Promise.all([
    pool.query<ErrorLogRow>(`select ${COLUMNS} from error_logs where ${w} order by timestamp desc, id desc limit ${page.limit} offset ${page.offset}`, params),
    pool.query<{ n: number }>(`select count(*)::int as n from error_logs where ${w}`, params),
  ]);
  return { rows: data.rows, count: total.rows[0].n };
}

export async function resolveErrorLog(pool: pg.Pool, tenantId: number, id: number, change: { resolved?: boolean; resolution_notes?: string | null }): Promise<ErrorLogRow | null> {
  const { rows } = await pool.query<ErrorLogRow>(
    `update error_logs set resolved = coalesce($3, resolved), resolution_notes = case when $4::boolean then $5 else resolution_notes end
     where tenant_id = $1 and id = $2 returning ${COLUMNS}`,
    [tenantId, id, change.resolved ?? null, change.resolution_notes !== undefined, change.resolution_notes ?? null],
  );
  return rows[0] ?? null;
}
