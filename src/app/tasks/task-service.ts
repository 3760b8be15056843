import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { TemporalHandle } from '../../temporal/client.js';
import { startTenantWorkflow, type WorkflowArgs, type WorkflowName } from '../../temporal/start-tenant-workflow.js';
import { cancelUpdate, progressQuery, type TaskProgress } from '../../workflows/shared/task-messages.js';
import { DomainError, notFound } from '../../domain/shared/errors.js';
import type { TaskStatus } from '../../domain/tasks/task-status.js';
import { isFinal } from '../../domain/tasks/task-status.js';
import { TaskReporter } from '../../db/tasks/task-reporter.js';
import { insertTask, type NewTaskRow, type TaskRow } from '../../db/tasks/task-store.js';
import type { Queryable } from '../../db/queryable.js';
import { tenantWorkflowId } from '../../domain/shared/tenant-workflow-id.js';
import { estimateCompletion, mergeLiveProgress, type ProgressFigures } from './task-progress.js';

/** A progress answer waits this long for the workflow before settling for the row's figures. */
const LIVE_QUERY_DEADLINE_MS = 1500;

export interface TaskProgressView {
  task: TaskRow;
  figures: ProgressFigures;
  estimatedCompletion: Date | null;
  /** True when the figures came from the running workflow rather than the row alone. */
  live: boolean;
}

export type { TaskRow };

export type NewTask = Omit<NewTaskRow, 'taskId' | 'workflowId'> & {
  /** The key of its workflow id `<kind>-t<tenant>-<key>`: the task's uuid unless the work has a natural key of its own. */
  workflowKey?: string;
};

/** The workflow that does a task's work, given the task's uuid. */
export interface TaskWorkflow<N extends WorkflowName> {
  type: N;
  taskQueue: string;
  args: (taskId: string) => WorkflowArgs<N>;
}

export interface TaskListFilter {
  userId?: number;
  projectId?: string;
  status?: TaskStatus | TaskStatus[];
  kinds?: string[];
}

/**
 * The one task model for every long job: a row the API and Socket.IO read, and a Temporal workflow
 * (id `<kind>-t<tenant>-<task uuid or natural key>`, tenant and kind search attributes) that does the work.
 */
export class TaskService {
  private readonly reporter: TaskReporter;

  constructor(private readonly pool: pg.Pool, private readonly temporal: TemporalHandle) {
    this.reporter = new TaskReporter(pool);
  }

  /** Inserts the task row, then starts its workflow; if the start fails the task is marked failed. */
  async start<N extends WorkflowName>(task: NewTask, workflow: TaskWorkflow<N>): Promise<TaskRow> {
    const row = await this.record(this.pool, task);
    try {
      await this.startWorkflow(row, task.workflowKey ?? row.task_id, workflow);
    } catch (err) {
      await this.reporter.failed(row.task_id, `could not start workflow: ${(err as Error).message}`);
      throw err;
    }
    return row;
  }

  /** Inserts the task row on `db` (a caller's transaction, say); `launch` starts its workflow once that committed. */
  record(db: Queryable, task: NewTask): Promise<TaskRow> {
    const taskId = randomUUID();
    const { workflowKey, ...fields } = task;
    return insertTask(db, { ...fields, taskId, workflowId: tenantWorkflowId(task.kind, task.tenantId, workflowKey ?? taskId) });
  }

  /**
   * Starts the workflow of a recorded task at most once, so it may be called again and again: a
   * workflow already started under the task's workflow id (running or closed) stands, and a final
   * task is left alone. `workflowKey` is the one the task was recorded with.
   */
  async launch<N extends WorkflowName>(tenantId: number, taskId: string, workflowKey: string, workflow: TaskWorkflow<N>): Promise<void> {
    const task = await this.find(tenantId, taskId);
    if (!task) throw notFound('Task not found.', 'task_id');
    if (isFinal(task.status)) return;
    try {
      await this.startWorkflow(task, workflowKey, workflow, { workflowIdReusePolicy: 'REJECT_DUPLICATE' });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  private startWorkflow<N extends WorkflowName>(task: TaskRow, workflowKey: string, workflow: TaskWorkflow<N>, policy: { workflowIdReusePolicy?: 'REJECT_DUPLICATE' } = {}) {
    return startTenantWorkflow(this.temporal.client, workflow.type, {
      kind: task.kind,
      tenantId: task.tenant_id,
      id: workflowKey,
      taskQueue: workflow.taskQueue,
      args: workflow.args(task.task_id),
      memo: { taskId: task.task_id, userId: task.user_id },
      ...policy,
    });
  }

  /** A task of this tenant by its public uuid or numeric id; null when absent or another tenant's. */
  async find(tenantId: number, idOrTaskId: string | number): Promise<TaskRow | null> {
    const key = String(idOrTaskId);
    // Digits past bigint's range cannot name a row, and must not reach PostgreSQL as a cast error.
    if (/^\d{19,}$/.test(key) || key.length > 100) return null;
    const { rows } = await this.pool.query<TaskRow>(
      /^\d+$/.test(key) ? `select * from tasks where tenant_id = $1 and id = $2::bigint` : `select * from tasks where tenant_id = $1 and task_id = $2`,
      [tenantId, key],
    );
    return rows[0] ?? null;
  }

  async list(tenantId: number, filter: TaskListFilter, page: { limit: number; offset: number }): Promise<{ rows: TaskRow[]; count: number }> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.userId !== undefined) add('user_id = ?', filter.userId);
    if (filter.projectId !== undefined) add('project_id = ?', filter.projectId);
    if (filter.status !== undefined) add('status = any(?)', ([] as TaskStatus[]).concat(filter.status));
    if (filter.kinds?.length) add('kind = any(?)', filter.kinds);
    const whereSql = where.join(' and ');
    const [data, total] = await Promise.all([
      this.pool.query<TaskRow>(`select * from tasks where ${whereSql} order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`, params),
      this.pool.query<{ n: number }>(`select count(*)::int as n from tasks where ${whereSql}`, params),
    ]);
    return { rows: data.rows, count: total.rows[0].n };
  }

  /**
   * A task's progress: while it runs, the workflow's `progress` query supplies the live figures; if the
   * workflow does not answer quickly (worker busy or down, workflow gone) the row's figures stand.
   */
  async progress(tenantId: number, idOrTaskId: string | number, now = new Date()): Promise<TaskProgressView> {
    const task = await this.find(tenantId, idOrTaskId);
    if (!task) throw notFound('Task not found.', 'task_id');
    const live = isFinal(task.status) || !task.workflow_id ? null : await this.queryLive(task.workflow_id);
    const figures = mergeLiveProgress(task, live);
    return { task, figures, estimatedCompletion: estimateCompletion(figures, task.started_at, task.completed_at, now), live: live !== null };
  }

  private async queryLive(workflowId: string): Promise<TaskProgress | null> {
    try {
      const handle = this.temporal.client.workflow.getHandle(workflowId);
      return await this.temporal.client.withDeadline(Date.now() + LIVE_QUERY_DEADLINE_MS, () => handle.query(progressQuery));
    } catch {
      return null;
    }
  }

  /**
   * Asks the task's workflow to stop before its next batch (the `cancel` update) and answers once the
   * workflow accepted, reporting the task as cancelled from then on. A finished task cannot be cancelled;
   * a workflow that is already gone (terminated by an operator, say) has its row closed here.
   */
  async cancel(tenantId: number, idOrTaskId: string | number): Promise<TaskRow> {
    const task = await this.find(tenantId, idOrTaskId);
    if (!task) throw notFound('Task not found.', 'task_id');
    if (isFinal(task.status)) throw cannotCancel(task.status);
    let accepted = false;
    try {
      accepted = (await this.temporal.client.workflow.getHandle(task.workflow_id!).executeUpdate(cancelUpdate)).accepted;
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) accepted = false;
      else if (err instanceof WorkflowNotFoundError) await this.reporter.cancelled(task.task_id, { reason: 'workflow no longer running' });
      else throw err;
    }
    const after = (await this.find(tenantId, task.task_id))!;
    if (accepted) return isFinal(after.status) ? after : { ...after, status: 'cancelled' };
    // Refused or raced: the workflow finished its last batch while the request was on its way.
    if (after.status !== 'cancelled') throw cannotCancel(after.status);
    return after;
  }
}

function cannotCancel(status: TaskStatus) {
  const message = isFinal(status) ? `Task is already ${status} and cannot be cancelled.` : 'Task is already finishing and cannot be cancelled.';
  return new DomainError('INVALID_STATUS', message, { task_id: [message] }, { current_status: status }, 'INVALID_TRANSITION');
}
