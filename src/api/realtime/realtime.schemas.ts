import { z } from 'zod';
import type { TaskEvent } from '../../domain/tasks/task-events.js';

/**
 * The messages of the realtime channels as zod schemas: the AsyncAPI document is rendered from them
 * and the contract test checks real frames against them. They mirror `TaskEvent` (task-events.ts).
 */
const timestamp = z.iso.datetime({ offset: true });
const taskId = z.string().meta({ description: 'The task uuid (as in the REST answers’ task_id)' });

export const connectionEstablished = z.object({ type: z.literal('connection_established'), message: z.string(), user_id: z.number().int() });

export const taskStarted = z.object({ type: z.literal('task_started'), task_id: taskId, task_name: z.string(), kind: z.string(), timestamp });
export const taskProgress = z.object({
  type: z.literal('task_progress'),
  task_id: taskId,
  status: z.string(),
  progress: z.number().meta({ description: 'Percent, 0-100' }),
  current_step: z.string(),
  processed_items: z.number().int(),
  total_items: z.number().int(),
  timestamp,
});
export const taskCompleted = z.object({ type: z.literal('task_completed'), task_id: taskId, status: z.literal('completed'), result_data: z.record(z.string(), z.unknown()), timestamp });
export const taskFailed = z.object({ type: z.literal('task_failed'), task_id: taskId, status: z.literal('failed'), error_message: z.string(), timestamp });
export const taskCancelled = z.object({ type: z.literal('task_cancelled'), task_id: taskId, status: z.literal('cancelled'), result_data: z.record(z.string(), z.unknown()), timestamp });
export const taskEvent = z.discriminatedUnion('type', [taskStarted, taskProgress, taskCompleted, taskFailed, taskCancelled]);

/** What the gateways send must fit what is documented: tsc fails when the two part. */
type Fits<A extends B, B> = A;
export type TaskEventIsDocumented = Fits<TaskEvent, z.output<typeof taskEvent>>;

export const ping = z.object({ type: z.literal('ping') });
export const pong = z.object({ type: z.literal('pong'), timestamp });

const taskRef = z.union([z.object({ task_id: z.union([z.string(), z.number().int()]) }), z.object({ taskId: z.union([z.string(), z.number().int()]) }), z.string(), z.number().int()]);
export const subscribe = taskRef.meta({ description: '{task_id}, {taskId} or the bare id; an ack callback, when given, receives the answer too' });
export const subscribed = z.object({ status: z.literal('subscribed'), task_id: z.string(), room: z.string() });
export const unsubscribed = z.object({ status: z.literal('unsubscribed'), task_id: z.string().nullable() });
export const subscriptionError = z.object({ status: z.literal('error'), task_id: z.string().nullable(), message: z.string() });
