import type { TaskEvent, TaskEventEnvelope } from '../../domain/tasks/task-events.js';

const EVENT_TYPES: ReadonlySet<TaskEvent['type']> = new Set(['task_started', 'task_progress', 'task_completed', 'task_failed', 'task_cancelled']);

/** Reads a NOTIFY payload; anything that is not a whole envelope is dropped rather than sent half-formed. */
export function parseTaskEventEnvelope(payload: string | undefined): TaskEventEnvelope | null {
  if (!payload) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const e = value as Partial<TaskEventEnvelope> | null;
  if (!e || typeof e !== 'object') return null;
  if (!Number.isSafeInteger(e.tenantId) || !Number.isSafeInteger(e.userId)) return null;
  if (typeof e.taskId !== 'string' || typeof e.kind !== 'string') return null;
  if (!e.event || typeof e.event !== 'object' || !EVENT_TYPES.has(e.event.type)) return null;
  return e as TaskEventEnvelope;
}
