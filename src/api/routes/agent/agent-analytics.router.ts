import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { agentResponses as r } from './agent.responses.js';
import { principalOf } from '../../http/context.js';
import { overviewAnalytics } from '../../../db/agent/overview-analytics.js';
import { performanceAnalytics } from '../../../db/agent/performance-analytics.js';
import { userAnalytics } from '../../../db/agent/user-analytics.js';
import { userAnalyticsQuery } from './agent.schemas.js';

/** Seed 002's analytics: overview, users, performance, each for the caller's tenant. */
export function createAgentAnalyticsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'ai agent: analytics', '/api/analytics');
  routes.get('/overview/', { summary: 'Users, tasks, tiers and top categories', response: r.overview }, (ctx) => overviewAnalytics(pool, principalOf(ctx).tenantId));
  routes.get('/users/', { summary: 'User growth, retention, tier changes, geography, usage patterns', query: userAnalyticsQuery, response: r.userAnalytics }, (ctx) =>
    userAnalytics(pool, principalOf(ctx).tenantId, ctx.state.query),
  );
  routes.get('/performance/', { summary: 'Answer times, error rates, resource usage', response: r.performance }, (ctx) => performanceAnalytics(pool, principalOf(ctx).tenantId));
  return routes.router;
}
