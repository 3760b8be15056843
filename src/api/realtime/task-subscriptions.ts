import type { Socket } from 'socket.io';
import type { ApiDeps } from '../deps.js';
import type { Principal } from '../../domain/identity/principal.js';
import { TaskService } from '../../app/tasks/task-service.js';
import { taskRoom } from './task-rooms.js';
import { withTenant } from '../../db/tenant-scope.js';

type Ack = (answer: Record<string, unknown>) => void;

/** `{task_id}`, `{taskId}` or the bare id, as clients send it. */
function taskIdOf(payload: unknown): string | null {
  const raw = typeof payload === 'object' && payload !== null ? ((payload as Record<string, unknown>).task_id ?? (payload as Record<string, unknown>).taskId) : payload;
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return String(raw);
  return typeof raw === 'string' && raw.trim() && raw.length <= 100 ? raw.trim() : null;
}

/**
 * `subscribe` / `unsubscribe` to one task's room. Only tasks of the socket's tenant can be joined, so a
 * task room never holds a listener from another tenant. Answers through the ack callback when given and
 * as `subscribed` / `unsubscribed` / `subscription_error` events.
 */
export function handleTaskSubscriptions(socket: Socket, principal: Principal, deps: Pick<ApiDeps, 'db' | 'temporal' | 'logger'>) {
  const taskService = new TaskService(deps.db.pool, deps.temporal);
  // Socket events arrive outside any HTTP request: each lookup enters the socket's tenant itself.
  const tasks = { find: (tenantId: number, id: string) => withTenant(tenantId, () => taskService.find(tenantId, id)) };

  socket.on('subscribe', async (payload: unknown, ack?: Ack) => {
    const reply = (event: string, answer: Record<string, unknown>) => {
      if (typeof ack === 'function') ack(answer);
      socket.emit(event, answer);
    };
    const id = taskIdOf(payload);
    if (!id) return reply('subscription_error', { status: 'error', task_id: null, message: 'task_id is required.' });
    try {
      const task = await tasks.find(principal.tenantId, id);
      if (!task) return reply('subscription_error', { status: 'error', task_id: id, message: 'Task not found.' });
      await socket.join(taskRoom(task.task_id));
      reply('subscribed', { status: 'subscribed', task_id: task.task_id, room: taskRoom(task.task_id) });
    } catch (err) {
      deps.logger.error({ err, taskId: id }, 'task subscription failed');
      reply('subscription_error', { status: 'error', task_id: id, message: 'Subscription failed.' });
    }
  });

  socket.on('unsubscribe', async (payload: unknown, ack?: Ack) => {
    const id = taskIdOf(payload);
    // Rooms are named by the task uuid; a numeric id is resolved so both forms leave the same room.
    const task = id && /^\d+$/.test(id) ? await tasks.find(principal.tenantId, id).catch(() => null) : null;
    const taskId = task?.task_id ?? id;
    if (taskId) await socket.leave(taskRoom(taskId));
    const answer = { status: 'unsubscribed', task_id: taskId };
    if (typeof ack === 'function') ack(answer);
    socket.emit('unsubscribed', answer);
  });
}
