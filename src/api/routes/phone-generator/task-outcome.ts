import type { TemporalHandle } from '../../../temporal/client.js';
import type { TaskRow, TaskService } from '../../../app/tasks/task-service.js';
import { isFinal } from '../../../domain/tasks/task-status.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { businessFailureOf } from '../../../temporal/workflow-failure.js';

/** How long a legacy (synchronous) endpoint waits before answering as the asynchronous ones do. */
const SYNCHRONOUS_WAIT_MS = 30_000;

/**
 * Waits for a task's workflow to close, then returns the task row as its activities left it; null when
 * it is still running after the wait (the caller then answers 202 with the task id). A failed task is
 * a 400 that carries the business code of the workflow's failure (AREA_CODE_EXHAUSTED …).
 */
export async function awaitTask(temporal: TemporalHandle, tasks: TaskService, task: TaskRow): Promise<TaskRow | null> {
  const handle = temporal.client.workflow.getHandle(task.workflow_id!);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    handle.result().then(
      () => ({ failure: null }),
      (err: unknown) => ({ failure: businessFailureOf(err) }),
    ),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SYNCHRONOUS_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (!outcome) return null;
  const row = await tasks.find(task.tenant_id, task.task_id);
  if (!row || !isFinal(row.status)) return null;
  if (row.status === 'failed') {
    const message = row.error ?? 'The task failed.';
    throw new DomainError('VALIDATION', message, { non_field_errors: [message], task_id: [row.task_id] }, undefined, outcome.failure?.code);
  }
  return row;
}
