import type { TaskStatus } from '../../domain/tasks/task-status.js';
import type { Queryable } from '../queryable.js';

export interface TaskRow {
  id: number;
  task_id: string;
  tenant_id: number;
  user_id: number;
  project_id: string | null;
  kind: string;
  name: string;
  status: TaskStatus;
  progress: number;
  current_step: string;
  processed_items: number;
  total_items: number;
  workflow_id: string | null;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  updated_at: Date;
}

export interface NewTaskRow {
  taskId: string;
  tenantId: number;
  userId: number;
  projectId?: string | null;
  kind: string;
  name: string;
  totalItems: number;
  workflowId: string;
  params?: Record<string, unknown>;
}

/**
 * The one insert of a task row. `ifAbsent`: a row already stored under this task id stands and is
 * answered instead (a retried activity finds the row its first attempt made).
 */
export async function insertTask(db: Queryable, t: NewTaskRow, opts: { ifAbsent?: boolean } = {}): Promise<TaskRow> {
  const { rows } = await db.query<TaskRow>(
    `insert into tasks (task_id, tenant_id, user_id, project_id, kind, name, total_items, workflow_id, params)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ${opts.ifAbsent ? 'on conflict (task_id) do nothing' : ''} returning *`,
    [t.taskId, t.tenantId, t.userId, t.projectId ?? null, t.kind, t.name, t.totalItems, t.workflowId, JSON.stringify(t.params ?? {})],
  );
  if (rows[0]) return rows[0];
  const stored = await db.query<TaskRow>(`select * from tasks where task_id = $1`, [t.taskId]);
  return stored.rows[0];
}
