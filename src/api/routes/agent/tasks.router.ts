import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { agentResponses as r } from './agent.responses.js';
import { principalOf } from '../../http/context.js';
import { businessError, notFound } from '../../../domain/shared/errors.js';
import { findAgentTask, listAgentTasks } from '../../../db/agent/agent-task-store.js';
import { agentTaskView } from '../../../app/agent/agent-views.js';
import { runAgentTask } from '../../../app/agent/agent-workflows.js';
import { taskAnalytics } from '../../../db/agent/task-analytics.js';
import { createTaskBody, taskAnalyticsQuery, tasksQuery } from './agent.schemas.js';
import { drfPage, pageWindow } from './drf-page.js';

/** Seed 002's agent tasks: list, detail, analytics, and a manual request answered before returning. */
export function createAgentTasksRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'ai agent: tasks', '/api/tasks');
  const target = { temporal: deps.temporal, taskQueue: deps.config.temporal.taskQueues.messaging };

  routes.get('/', { summary: 'List tasks (user_phone, category, success, created_after, created_before, paging)', query: tasksQuery, response: r.tasks }, async (ctx) => {
    const { page, page_size, ...filter } = ctx.state.query;
    const result = await listAgentTasks(pool, principalOf(ctx).tenantId, filter, pageWindow({ page, page_size }));
    return drfPage(ctx, deps.config.publicBaseUrl, { page, page_size }, { count: result.count, rows: result.rows.map(agentTaskView) });
  });

  routes.post('/', { summary: 'Ask the agent for a user (answered by the sms-agent workflow, nothing texted)', body: createTaskBody, response: r.task, status: 201, errors: [404] }, async (ctx) => {
    const tenantId = principalOf(ctx).tenantId;
    const b = ctx.state.body;
    const result = await runAgentTask(target, { tenantId, userPhone: b.user_phone, smsContent: b.sms_content, category: b.category });
    if (result.outcome === 'unknown_user') throw notFound('No user with this phone number.', 'user_phone');
    if (result.outcome === 'over_limit') {
      throw businessError('TIER_LIMIT_EXCEEDED', "This user has used all requests of their tier's monthly allowance.", { fields: { user_phone: ["Monthly request limit reached for this user's tier."] } });
    }
    ctx.status = 201;
    return agentTaskView((await findAgentTask(pool, tenantId, result.taskId!))!);
  });

  routes.get('/analytics/', { summary: 'Task analytics (start_date, end_date, user_phone, category)', query: taskAnalyticsQuery, response: r.taskAnalytics }, async (ctx) => {
    const q = ctx.state.query;
    return taskAnalytics(pool, principalOf(ctx).tenantId, { user_phone: q.user_phone, category: q.category, created_after: q.start_date, created_before: q.end_date });
  });

  routes.get('/:id/', { summary: 'A task', response: r.task }, async (ctx) => {
    const id = String(ctx.params.id);
    const task = /^\d{1,15}$/.test(id) ? await findAgentTask(pool, principalOf(ctx).tenantId, Number(id)) : null;
    if (!task) throw notFound('Task not found.');
    return agentTaskView(task);
  });

  return routes.router;
}
