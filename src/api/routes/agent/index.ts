import type Router from '@koa/router';
import type { ApiDeps } from '../../deps.js';
import type { AppState } from '../../http/context.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { createSmsProvider } from '../../../app/providers/sms-providers.js';
import { createAgentUsersRouter } from './users.router.js';
import { createAgentTasksRouter } from './tasks.router.js';
import { createAgentAnalyticsRouter } from './agent-analytics.router.js';
import { createBroadcastRouter } from './broadcast.router.js';
import { createErrorLogsRouter } from './error-logs.router.js';

/** Seed 002's SMS-to-AI agent API. */
export function createAgentRouters(deps: ApiDeps, docs: OpenApiCollector): Router<AppState>[] {
  return [
    createAgentUsersRouter(deps, docs, createSmsProvider(deps.config)),
    createAgentTasksRouter(deps, docs),
    createAgentAnalyticsRouter(deps, docs),
    createBroadcastRouter(deps, docs),
    createErrorLogsRouter(deps, docs),
  ];
}
