import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { principalOf } from '../../http/context.js';
import { notFound } from '../../../domain/shared/errors.js';
import { findIndustry, listIndustries } from '../../../db/contacts/industries.js';
import { dashboardStats } from '../../../db/contacts/dashboard-stats.js';
import { idParam } from './query-fields.js';
import { b2bResponses as r } from './contacts.responses.js';

/** Seed 001 industries (shared reference list) and the dashboard figures of the caller's tenant. */
export function createB2bReferenceRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'contacts (seed 001)', '/api/api');

  routes.get('/industries/', { summary: 'All industries, by name', response: r.industries }, () => listIndustries(pool));

  routes.get('/industries/:id/', { summary: 'One industry', response: r.industry }, async (ctx) => {
    const id = idParam(ctx.params.id);
    const industry = id === null ? null : await findIndustry(pool, id);
    if (!industry) throw notFound();
    return industry;
  });

  routes.get('/dashboard/stats/', { summary: "Figures over the tenant's contacts", response: r.dashboard }, async (ctx) => ({
    success: true,
    stats: await dashboardStats(pool, principalOf(ctx).tenantId),
  }));

  return routes.router;
}
