import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { principalOf } from '../../http/context.js';
import { phoneOk } from '../../http/envelopes.js';
import { TaskService } from '../../../app/tasks/task-service.js';
import { ACTIVE_STATUSES, TASK_STATUSES } from '../../../domain/tasks/task-status.js';
import { PHONE_GENERATION_KIND, PHONE_VALIDATION_KIND } from '../../../domain/phone/task-kinds.js';

/** Seed 000 lists its own jobs (generation and validation), not campaigns or imports of the tenant. */
const PHONE_KINDS = [PHONE_GENERATION_KIND, PHONE_VALIDATION_KIND];
import { assertCallerUserId } from './caller.js';
import { choiceField, optionalText, userIdField } from './query-fields.js';
import { pagingFields, paginationView, windowOf } from './pagination.js';
import { toProgressView, toTaskView } from './task-view.js';
import { responses } from './phone.responses.js';

const listQuery = z.object({ user_id: userIdField, project_id: optionalText(), status: choiceField(TASK_STATUSES), ...pagingFields(20, 100) });
const callerQuery = z.object({ user_id: userIdField });
const cancelBody = z.object({ user_id: z.union([userIdField, z.number().int()], { error: 'This field is required.' }) });

/**
 * Seed 000 task endpoints. Tasks are the tenant's (every member sees and may cancel the tenant's jobs,
 * as they share its numbers); `user_id` only has to name the caller.
 */
export function createPhoneTasksRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const tasks = new TaskService(deps.db.pool, deps.temporal);
  const routes = new Routes(docs, 'phone-generator', '/api/phone-generator');

  routes.get('/tasks/', { summary: 'List tasks, newest first', query: listQuery, response: responses.taskList }, async (ctx) => {
    const principal = principalOf(ctx);
    const q = ctx.state.query;
    assertCallerUserId(principal, q.user_id);
    const { rows, count } = await tasks.list(principal.tenantId, { projectId: q.project_id, status: q.status, kinds: PHONE_KINDS }, windowOf(q.page, q.page_size));
    return phoneOk({ tasks: rows.map(toTaskView), pagination: paginationView(q.page, q.page_size, count) });
  });

  routes.get('/tasks/active/', { summary: 'Pending and running tasks', query: callerQuery, response: responses.activeTasks }, async (ctx) => {
    const principal = principalOf(ctx);
    assertCallerUserId(principal, ctx.state.query.user_id);
    const { rows } = await tasks.list(principal.tenantId, { status: [...ACTIVE_STATUSES], kinds: PHONE_KINDS }, { limit: 500, offset: 0 });
    const all = rows.map(toTaskView);
    return phoneOk({ generation_tasks: all.filter((t) => t.kind === PHONE_GENERATION_KIND), all_tasks: all, total_active_tasks: all.length });
  });

  routes.get('/tasks/:task_id/progress/', { summary: "A task's progress, live while it runs", query: callerQuery, response: responses.progress }, async (ctx) => {
    const principal = principalOf(ctx);
    assertCallerUserId(principal, ctx.state.query.user_id);
    return phoneOk(toProgressView(await tasks.progress(principal.tenantId, ctx.params.task_id)));
  });

  routes.post('/tasks/:task_id/cancel/', { summary: 'Cancel a pending or running task', body: cancelBody, response: responses.cancelled }, async (ctx) => {
    const principal = principalOf(ctx);
    assertCallerUserId(principal, ctx.state.body.user_id);
    const task = await tasks.cancel(principal.tenantId, ctx.params.task_id);
    return phoneOk({ task_id: task.task_id, status: task.status }, 'Task cancelled');
  });

  return routes.router;
}
