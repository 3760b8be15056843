import { TASK_EVENTS_CHANNEL } from '../../domain/tasks/task-events.js';
import type { Queryable } from '../queryable.js';

/**
 * Moves a task row through its lifecycle and announces each step with pg_notify in the same statement,
 * so a listener hears about exactly what was committed. Every method is idempotent: a retried activity
 * finds the row already moved and announces nothing twice (progress never goes backwards).
 */
export class TaskReporter {
  constructor(private readonly pool: Queryable) {}

  started(taskId: string, currentStep = 'Started', db: Queryable = this.pool) {
    return db.query(
      `with t as (
         update tasks set status = 'in_progress', started_at = coalesce(started_at, now()), current_step = $2, updated_at = now()
          where task_id = $1 and status = 'pending' returning *)
       select pg_notify($3, json_build_object('tenantId', tenant_id, 'userId', user_id, 'taskId', task_id, 'kind', kind,
         'event', json_build_object('type', 'task_started', 'task_id', task_id, 'task_name', name, 'kind', kind, 'timestamp', now()))::text)
       from t`,
      [taskId, currentStep, TASK_EVENTS_CHANNEL],
    );
  }

  progress(taskId: string, p: { processed: number; total: number; currentStep: string }, db: Queryable = this.pool) {
    return db.query(
      `with t as (
         update tasks set status = 'in_progress', started_at = coalesce(started_at, now()),
                processed_items = greatest(processed_items, $2::bigint), total_items = $3::bigint, current_step = $4,
                progress = least(100, floor(100.0 * greatest(processed_items, $2::bigint) / nullif($3::bigint, 0)))::int, updated_at = now()
          where task_id = $1 and status in ('pending', 'in_progress') returning *)
       select pg_notify($5, json_build_object('tenantId', tenant_id, 'userId', user_id, 'taskId', task_id, 'kind', kind,
         'event', json_build_object('type', 'task_progress', 'task_id', task_id, 'status', status, 'progress', progress,
           'current_step', current_step, 'processed_items', processed_items, 'total_items', total_items, 'timestamp', now()))::text)
       from t`,
      [taskId, p.processed, p.total, p.currentStep, TASK_EVENTS_CHANNEL],
    );
  }

  completed(taskId: string, result: Record<string, unknown>, db: Queryable = this.pool) {
    return db.query(
      `with t as (
         update tasks set status = 'completed', progress = 100, result = $2::jsonb, completed_at = now(), updated_at = now(),
                started_at = coalesce(started_at, now()), current_step = 'Completed',
                processed_items = greatest(processed_items, total_items)
          where task_id = $1 and status in ('pending', 'in_progress') returning *)
       select pg_notify($3, json_build_object('tenantId', tenant_id, 'userId', user_id, 'taskId', task_id, 'kind', kind,
         'event', json_build_object('type', 'task_completed', 'task_id', task_id, 'status', 'completed', 'result_data', result, 'timestamp', now()))::text)
       from t`,
      [taskId, JSON.stringify(result), TASK_EVENTS_CHANNEL],
    );
  }

  failed(taskId: string, error: string, result?: Record<string, unknown>, db: Queryable = this.pool) {
    return db.query(
      `with t as (
         update tasks set status = 'failed', error = $2, result = coalesce($4::jsonb, result), completed_at = now(), updated_at = now(), current_step = 'Failed'
          where task_id = $1 and status in ('pending', 'in_progress') returning *)
       select pg_notify($3, json_build_object('tenantId', tenant_id, 'userId', user_id, 'taskId', task_id, 'kind', kind,
         'event', json_build_object('type', 'task_failed', 'task_id', task_id, 'status', 'failed', 'error_message', error, 'timestamp', now()))::text)
       from t`,
      [taskId, error.slice(0, 2000), TASK_EVENTS_CHANNEL, result ? JSON.stringify(result) : null],
    );
  }

  cancelled(taskId: string, result: Record<string, unknown> = {}, db: Queryable = this.pool) {
    return db.query(
      `with t as (
         update tasks set status = 'cancelled', result = $2::jsonb, completed_at = now(), updated_at = now(), current_step = 'Cancelled'
          where task_id = $1 and status in ('pending', 'in_progress') returning *)
       select pg_notify($3, json_build_object('tenantId', tenant_id, 'userId', user_id, 'taskId', task_id, 'kind', kind,
         'event', json_build_object('type', 'task_cancelled', 'task_id', task_id, 'status', 'cancelled', 'result_data', result, 'timestamp', now()))::text)
       from t`,
      [taskId, JSON.stringify(result), TASK_EVENTS_CHANNEL],
    );
  }
}
