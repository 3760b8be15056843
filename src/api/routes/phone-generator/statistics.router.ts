import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { principalOf } from '../../http/context.js';
import { phoneOk } from '../../http/envelopes.js';
import { phoneStatistics } from '../../../db/phone-inventory/phone-statistics.js';
import { assertCallerUserId } from './caller.js';
import { optionalText, userIdField } from './query-fields.js';
import { responses } from './phone.responses.js';

const statisticsQuery = z.object({ user_id: userIdField, project_id: optionalText() });

/** Seed 000 statistics over the tenant's numbers, or one project's. */
export function createPhoneStatisticsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const routes = new Routes(docs, 'phone-generator', '/api/phone-generator');
  routes.get('/statistics/', { summary: 'Counts, rates and breakdowns of the numbers', query: statisticsQuery, response: responses.statistics }, async (ctx) => {
    const principal = principalOf(ctx);
    const q = ctx.state.query;
    assertCallerUserId(principal, q.user_id);
    return phoneOk(await phoneStatistics(deps.db.pool, principal.tenantId, q.project_id));
  });
  return routes.router;
}
