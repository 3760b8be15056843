import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { TemporalHandle } from '../../temporal/client.js';
import { tenantWorkflowAttributes } from '../../temporal/search-attributes.js';
import { cancelUpdate, progressQuery, type TaskProgress } from '../../workflows/shared/task-messages.js';
import { DomainError, notFound } from '../../domain/shared/errors.js';
import type { TaskStatus } from '../../domain/tasks/task-status.js';
import { isFinal } from '../../domain/tasks/task-status.js';
import { TaskReporter } from '../../db/tasks/task-reporter.js';
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

export interface NewTask {
  tenantId: number;
  userId: number;
  projectId?: string | null;
  kind: string;
  name: string;
  totalItems: number;
  params?: Record<string, unknown>;
}

export interface TaskListFilter {
  userId?: number;
  projectId?: string;
  status?: TaskStatus | TaskStatus[];
  kinds?: string[];
}

/**
 * The one task model for every long job: a row the API and Socket.IO read, and a Temporal workflow
 * (id `<kind>-t<tenant>-<task uuid>`, tenant and kind search attributes) that does the work.
 */
export class TaskService {
  private readonly reporter: TaskReporter;

  constructor(private readonly pool: pg.Pool, private readonly temporal: TemporalHandle) {
    this.reporter = new TaskReporter(pool);
  }

  /** Inserts the task row, then starts its workflow; if the start fails the task is marked failed. */
  async start<A extends unknown[]>(task: NewTask, workflow: { type: string; taskQueue: string; args: (taskId: string) => A }): Promise<TaskRow> {
    const taskId = randomUUID();
    const workflowId = `${task.kind}-t${task.tenantId}-${taskId}`;
    const { rows } = await this.pool.query<TaskRow>(
      `insert into tasks (task_id, tenant_id, user_id, project_id, kind, name, total_items, workflow_id, params)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
      [taskId, task.tenantId, task.userId, task.projectId ?? null, task.kind, task.name, task.totalItems, workflowId, JSON.stringify(task.params ?? {})],
    );
    try {
      await this.temporal.client.workflow.start(workflow.type, {
        workflowId,
        taskQueue: workflow.taskQueue,
        args: workflow.args(taskId),
        typedSearchAttributes: tenantWorkflowAttributes(task.tenantId, task.kind),
        memo: { taskId, userId: task.userId },
      });
    } catch (err) {
      await this.reporter.failed(taskId, `could not start workflow: ${(err as Error).message}`);
      throw err;
    }
    return rows[0];
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
