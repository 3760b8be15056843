import type { ActivityDeps } from '../activity-deps.js';
import { TaskReporter } from '../../db/tasks/task-reporter.js';

/** Task-row bookkeeping that workflows call around their batches. */
export function createTaskActivities(deps: Pick<ActivityDeps, 'db'>) {
  const reporter = new TaskReporter(deps.db.pool);
  return {
    /** Marks the task in_progress and announces task_started. Idempotent. */
    async taskStarted(input: { taskId: string; currentStep?: string }): Promise<void> {
      await reporter.started(input.taskId, input.currentStep);
    },
    async taskCompleted(input: { taskId: string; result: Record<string, unknown> }): Promise<void> {
      await reporter.completed(input.taskId, input.result);
    },
    /** `result`: what the task got done before it failed, with the business code of its failure. */
    async taskFailed(input: { taskId: string; error: string; result?: Record<string, unknown> }): Promise<void> {
      await reporter.failed(input.taskId, input.error, input.result);
    },
    async taskCancelled(input: { taskId: string; result?: Record<string, unknown> }): Promise<void> {
      await reporter.cancelled(input.taskId, input.result);
    },
  };
}
