/** The seed 000 WebSocket message types; Socket.IO and plain WebSocket clients receive the same objects. */
export type TaskEvent =
  | { type: 'task_started'; task_id: string; task_name: string; kind: string; timestamp: string }
  | {
      type: 'task_progress';
      task_id: string;
      status: string;
      progress: number;
      current_step: string;
      processed_items: number;
      total_items: number;
      timestamp: string;
    }
  | { type: 'task_completed'; task_id: string; status: 'completed'; result_data: Record<string, unknown>; timestamp: string }
  | { type: 'task_failed'; task_id: string; status: 'failed'; error_message: string; timestamp: string }
  | { type: 'task_cancelled'; task_id: string; status: 'cancelled'; result_data: Record<string, unknown>; timestamp: string };

/** What travels over PostgreSQL NOTIFY: the event plus who may hear it. */
export interface TaskEventEnvelope {
  tenantId: number;
  userId: number;
  taskId: string;
  kind: string;
  event: TaskEvent;
}

export const TASK_EVENTS_CHANNEL = 'switchboard_task_events';
