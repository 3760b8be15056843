import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { campaignResponses as r } from './campaign.responses.js';
import { principalOf } from '../../http/context.js';
import { mifumoOk } from '../../http/envelopes.js';
import { analyticsOverview } from '../../../db/campaigns/analytics-overview.js';

/** Seed 004's dashboard metrics. */
export function createAnalyticsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const routes = new Routes(docs, 'analytics', '/api/messaging/analytics');
  routes.get('/overview/', { summary: 'Contacts, campaigns and message figures of the tenant, with delivery and read rates', response: r.overview }, async (ctx) =>
    mifumoOk(await analyticsOverview(deps.db.pool, principalOf(ctx).tenantId)),
  );
  return routes.router;
}
