import type { TemporalHandle } from '../../../temporal/client.js';
import type { TaskRow, TaskService } from '../../../app/tasks/task-service.js';
import { isFinal } from '../../../domain/tasks/task-status.js';
import { DomainError } from '../../../domain/shared/errors.js';

/** How long a legacy (synchronous) endpoint waits before answering as the asynchronous ones do. */
const SYNCHRONOUS_WAIT_MS = 30_000;

/**
 * Waits for a task's workflow to close, then returns the task row as its activities left it; null when
 * it is still running after the wait (the caller then answers 202 with the task id).
 */
export async function awaitTask(temporal: TemporalHandle, tasks: TaskService, task: TaskRow): Promise<TaskRow | null> {
  const handle = temporal.client.workflow.getHandle(task.workflow_id!);
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    handle.result().then(() => true, () => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SYNCHRONOUS_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (!closed) return null;
  const row = await tasks.find(task.tenant_id, task.task_id);
  if (!row || !isFinal(row.status)) return null;
  if (row.status === 'failed') {
    throw new DomainError('VALIDATION', row.error ?? 'The task failed.', { non_field_errors: [row.error ?? 'The task failed.'], task_id: [row.task_id] });
  }
  return row;
}
