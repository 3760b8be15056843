import type pg from 'pg';
import { PHONE_VALIDATION_KIND, PHONE_VALIDATION_NAME } from '../../domain/phone/task-kinds.js';
import { tenantWorkflowId } from '../../domain/shared/tenant-workflow-id.js';

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
  const workflowId = tenantWorkflowId(PHONE_VALIDATION_KIND, input.tenantId, input.taskId);
  await pool.query(
    `with scope as (
       select count(*)::int as total, coalesce(max(id), 0) as max_id
         from phone_numbers where tenant_id = $2 and generation_task_id = $5 and status = 'pending')
     insert into tasks (task_id, tenant_id, user_id, project_id, kind, name, total_items, workflow_id, params)
     select $1, $2, $3, $4, $6, $7, scope.total, $8,
            jsonb_build_object('generation_task_id', $5::text, 'batch_size', $9::int, 'max_id', scope.max_id, 'chained', true)
       from scope
     on conflict (task_id) do nothing`,
    [input.taskId, input.tenantId, input.userId, input.projectId, input.generationTaskId, PHONE_VALIDATION_KIND, PHONE_VALIDATION_NAME, workflowId, input.batchSize],
  );
  const { rows } = await pool.query<{ total: number; max_id: number }>(
    `select total_items as total, (params->>'max_id')::bigint as max_id from tasks where task_id = $1`,
    [input.taskId],
  );
  return { taskId: input.taskId, workflowId, total: rows[0].total, maxId: rows[0].max_id };
}
