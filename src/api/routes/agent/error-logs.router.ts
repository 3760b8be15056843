import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { agentResponses as r } from './agent.responses.js';
import { principalOf } from '../../http/context.js';
import { notFound } from '../../../domain/shared/errors.js';
import { listErrorLogs, resolveErrorLog } from '../../../db/agent/error-log-store.js';
import { errorLogsQuery, resolveErrorBody } from './agent.schemas.js';
import { drfPage, pageWindow } from './drf-page.js';

/** Seed 002's error log: list with filters, and mark an error resolved. */
export function createErrorLogsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'ai agent: error logs', '/api/error-logs');

  routes.get('/', { summary: 'List error logs (error_type, resolved, user_phone, start_date, end_date)', query: errorLogsQuery, response: r.errorLogs }, async (ctx) => {
    const { page, page_size, ...filter } = ctx.state.query;
    const result = await listErrorLogs(pool, principalOf(ctx).tenantId, filter, pageWindow({ page, page_size }));
    return drfPage(ctx, deps.config.publicBaseUrl, { page, page_size }, result);
  });

  routes.patch('/:id/', { summary: 'Resolve an error (resolved, resolution_notes)', body: resolveErrorBody, response: r.errorLog }, async (ctx) => {
    const id = String(ctx.params.id);
    const row = /^\d{1,15}$/.test(id) ? await resolveErrorLog(pool, principalOf(ctx).tenantId, Number(id), ctx.state.body) : null;
    if (!row) throw notFound('Error log not found.');
    return row;
  });

  return routes.router;
}
