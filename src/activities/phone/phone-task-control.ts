import type pg from 'pg';
import { PHONE_VALIDATION_KIND, PHONE_VALIDATION_NAME } from '../../domain/phone/task-kinds.js';
import { tenantWorkflowId } from '../../domain/shared/tenant-workflow-id.js';
import { insertTask } from '../../db/tasks/task-store.js';

export interface ChainedValidationInput {
  /** Chosen by the generation workflow, so a retried call finds the row it made. */
  taskId: string;
  generationTaskId: string;
  tenantId: number;
  userId: number;
  projectId: string;
  batchSize: number;
}

export interface ChainedValidationTask {
  taskId: string;
  workflowId: string;
  total: number;
  maxId: number;
}

/** Records that a task must stop before its next batch. Idempotent. */
export async function requestStop(pool: pg.Pool, taskId: string): Promise<void> {
  await pool.query(`insert into phone_task_stop_requests (task_id) values ($1) on conflict do nothing`, [taskId]);
}

/**
 * The task row of the validation that `auto_validate` chains after a generation: the generation's
 * still-pending numbers, counted once. Idempotent on the task id.
 */
export async function createChainedValidationTask(pool: pg.Pool, input: ChainedValidationInput): Promise<ChainedValidationTask> {
  const { rows } = await pool.query<{ total: number; max_id: number }>(
    `select count(*)::int as total, coalesce(max(id), 0) as max_id
       from phone_numbers where tenant_id = $1 and generation_task_id = $2 and status = 'pending'`,
    [input.tenantId, input.generationTaskId],
  );
  const task = await insertTask(
    pool,
    {
      taskId: input.taskId,
      tenantId: input.tenantId,
      userId: input.userId,
      projectId: input.projectId,
      kind: PHONE_VALIDATION_KIND,
      name: PHONE_VALIDATION_NAME,
      totalItems: rows[0].total,
      workflowId: tenantWorkflowId(PHONE_VALIDATION_KIND, input.tenantId, input.taskId),
      params: { generation_task_id: input.generationTaskId, batch_size: input.batchSize, max_id: rows[0].max_id, chained: true },
    },
    { ifAbsent: true },
  );
  return { taskId: task.task_id, workflowId: task.workflow_id!, total: task.total_items, maxId: Number(task.params.max_id) };
}
