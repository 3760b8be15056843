import type { TaskRow } from '../../app/tasks/task-service.js';
import type { BroadcastRow } from '../../db/agent/broadcast-store.js';
import type { ConsoleBroadcast, ConsoleTask } from './console.responses.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const param = (task: TaskRow, key: string) => (task.params?.[key] === undefined || task.params[key] === null ? null : task.params[key]);

/**
 * Any task of the tenant as the console draws it: figures for the bar and the rate, and the ids its
 * actions need (the upload of an import for its cancel and rejected rows, the campaign of a run).
 */
export function consoleTaskView(task: TaskRow): ConsoleTask {
  return {
    task_id: task.task_id,
    kind: task.kind,
    name: task.name,
    status: task.status,
    progress: task.progress,
    current_step: task.current_step,
    processed_items: Number(task.processed_items),
    total_items: Number(task.total_items),
    user_id: Number(task.user_id),
    upload_id: param(task, 'upload_id') === null ? null : String(param(task, 'upload_id')),
    campaign_id: param(task, 'campaign_id') === null ? null : Number(param(task, 'campaign_id')),
    created_at: task.created_at.toISOString(),
    started_at: iso(task.started_at),
    completed_at: iso(task.completed_at),
    result: task.result,
    error: task.error,
  };
}

export function consoleBroadcastView(b: BroadcastRow): ConsoleBroadcast {
  return {
    message_id: b.message_id,
    message: b.message,
    status: b.status,
    recipients_count: b.recipients_count,
    sent_count: b.sent_count,
    failed_count: b.failed_count,
    created_at: b.created_at.toISOString(),
    completed_at: iso(b.completed_at),
  };
}
