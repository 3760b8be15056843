import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { principalOf } from '../http/context.js';
import { mifumoOk } from '../http/envelopes.js';
import { listPlans } from '../../db/billing/plan-store.js';
import { billingPlanView } from '../../app/billing/plan-views.js';
import { billingSubscriptionView } from '../../app/billing/subscription-views.js';
import { billingOverview, currentPlan, currentUsage } from '../../app/billing/billing-account.js';
import { planLimits } from '../../db/billing/plan-store.js';
import { billingResponses as r } from './billing/billing.responses.js';

/** Seed 004's billing: plans, the tenant's subscription (the free plan when it has none), usage and overview. */
export function createBillingRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'billing', '/api/billing');

  routes.get('/plans/', { summary: 'Billing plans with prices, limits and features', response: r.plans }, async () => {
    return mifumoOk((await listPlans(pool)).map(billingPlanView));
  });

  routes.get('/subscription/', { summary: "The tenant's subscription, or the free plan by default", response: r.subscription }, async (ctx) => {
    const { subscription, plan } = await currentPlan(pool, principalOf(ctx).tenantId);
    return mifumoOk(billingSubscriptionView(subscription, plan));
  });

  routes.get('/usage/', { summary: 'Messages, segments and cost this billing period; generated numbers, contacts and channels', response: r.usage }, async (ctx) => {
    const tenantId = principalOf(ctx).tenantId;
    const { subscription, plan } = await currentPlan(pool, tenantId);
    return mifumoOk({ ...(await currentUsage(pool, tenantId, subscription)), limits: planLimits(plan) });
  });

  routes.get('/overview/', { summary: 'Plan, subscription, usage against limits and the next billing date', response: r.overview }, async (ctx) => {
    return mifumoOk(await billingOverview(pool, principalOf(ctx).tenantId));
  });

  return routes.router;
}
