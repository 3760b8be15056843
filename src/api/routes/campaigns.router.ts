import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { principalOf, type AppContext } from '../http/context.js';
import { mifumoOk } from '../http/envelopes.js';
import { notFound } from '../../domain/shared/errors.js';
import type { CampaignRow } from '../../domain/campaigns/campaign-row.js';
import type { CampaignFields } from '../../domain/campaigns/campaign-fields.js';
import { findCampaign, listCampaigns, viewLookups } from '../../db/campaigns/campaign-store.js';
import { CampaignControl } from '../../app/campaigns/campaign-control.js';
import { CampaignService } from '../../app/campaigns/campaign-service.js';
import { campaignBody, createQuery, listQuery, type CampaignBody } from './campaigns/campaign.schemas.js';
import { campaignView } from './campaigns/campaign-view.js';
import { pageLinks } from './tenants/page-links.js';
import { campaignResponses as r } from './campaigns/campaign.responses.js';
import { createCampaignCallbacksRouter } from './campaigns/campaign-callbacks.router.js';
import { createAnalyticsRouter } from './campaigns/analytics.router.js';

/** A path id that is not a plain integer names no campaign. */
function campaignId(ctx: AppContext): number {
  const raw = ctx.params.id ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw notFound('Campaign not found.');
  return Number(raw);
}

/** Seed 004 field names to stored fields; absent fields stay absent (partial edits). */
function toFields(b: CampaignBody): Partial<CampaignFields> {
  const f: Partial<CampaignFields> = {};
  if (b.name !== undefined) f.name = b.name;
  if (b.description !== undefined) f.description = b.description;
  if (b.campaign_type !== undefined) f.campaign_type = b.campaign_type;
  if (b.message_text !== undefined) f.message_text = b.message_text;
  if (b.template !== undefined) f.template_id = b.template;
  if (b.scheduled_at !== undefined) f.scheduled_at = b.scheduled_at === null ? null : new Date(b.scheduled_at);
  if (b.target_contact_ids !== undefined) f.target_contact_ids = b.target_contact_ids;
  if (b.target_segment_ids !== undefined) f.target_segment_ids = b.target_segment_ids;
  if (b.target_criteria !== undefined) f.target_criteria = b.target_criteria;
  if (b.settings !== undefined) f.settings = b.settings;
  if (b.is_recurring !== undefined) f.is_recurring = b.is_recurring;
  if (b.recurring_schedule !== undefined) f.recurring_schedule = b.recurring_schedule as CampaignFields['recurring_schedule'];
  if (b.is_active !== undefined) f.is_active = b.is_active;
  return f;
}

/** Seed 004 campaigns: CRUD with status-aware editing, dry-run pricing, and the lifecycle actions. */
export function createCampaignsRouters(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const control = new CampaignControl(pool, deps.temporal, deps.config.temporal.taskQueues.messaging);
  const campaigns = new CampaignService(pool, control);
  const routes = new Routes(docs, 'campaigns', '/api/messaging/campaigns');

  const view = async (tenantId: number, rows: CampaignRow[]) => {
    const lookups = await viewLookups(pool, tenantId, rows);
    return rows.map((r) => campaignView(r, lookups));
  };
  const one = async (tenantId: number, row: CampaignRow) => (await view(tenantId, [row]))[0];

  routes.get('/', { summary: 'List campaigns (status/type filters, paging) with their figures', query: listQuery, response: r.page }, async (ctx) => {
    const { tenantId } = principalOf(ctx);
    const q = ctx.state.query;
    const { rows, count } = await listCampaigns(pool, tenantId, { status: q.status, type: q.type }, { limit: q.page_size, offset: (q.page - 1) * q.page_size });
    return mifumoOk({ results: await view(tenantId, rows), count, ...pageLinks(ctx, deps.config.publicBaseUrl, q.page, q.page_size, count) });
  });

  routes.post(
    '/',
    { summary: 'Create a campaign; ?dry_run=true prices the audience without saving', body: campaignBody, query: createQuery, responses: { 201: r.created, 200: r.created } },
    async (ctx) => {
      const { tenantId, userId } = principalOf(ctx);
      const fields = toFields(ctx.state.body);
      if (ctx.state.query.dry_run) {
        const e = await campaigns.estimate(tenantId, fields);
        return mifumoOk({
          total_recipients: e.count.eligible,
          estimated_cost: e.estimatedCost,
          currency: e.currency,
          explanations: e.explanations,
          target_segment_names: e.segments.map((s) => s.name),
        });
      }
      const row = await campaigns.create(tenantId, userId, fields);
      ctx.status = 201;
      return { ...mifumoOk(await one(tenantId, row), 'Campaign created successfully'), status: 201 };
    },
  );

  routes.get('/:id/', { summary: 'A campaign with live figures and the actions it allows', response: r.one }, async (ctx) => {
    const { tenantId } = principalOf(ctx);
    const row = await findCampaign(pool, tenantId, campaignId(ctx));
    if (!row) throw notFound('Campaign not found.');
    return mifumoOk(await one(tenantId, row));
  });

  for (const method of ['put', 'patch'] as const) {
    routes[method]('/:id/', { summary: 'Edit a draft or scheduled campaign', body: campaignBody, response: r.one }, async (ctx) => {
      const { tenantId } = principalOf(ctx);
      const row = await campaigns.update(tenantId, campaignId(ctx), toFields(ctx.state.body));
      return mifumoOk(await one(tenantId, row), 'Campaign updated successfully');
    });
  }

  routes.delete('/:id/', { summary: 'Delete a campaign that is not running', response: r.deleted }, async (ctx) => {
    const { tenantId } = principalOf(ctx);
    await campaigns.delete(tenantId, campaignId(ctx));
    return mifumoOk(null, 'Campaign deleted successfully');
  });

  const actions = [
    { path: 'start', summary: 'Start now, or at scheduled_at; recurring campaigns get their schedule', run: (t: number, id: number) => control.start(t, id), done: startMessage },
    { path: 'pause', summary: 'Pause; answers once no message is in flight', run: (t: number, id: number) => control.pause(t, id), done: () => 'Campaign paused successfully' },
    { path: 'resume', summary: 'Resume a paused campaign where it stopped', run: (t: number, id: number) => control.resume(t, id), done: () => 'Campaign resumed successfully' },
    { path: 'cancel', summary: 'Cancel; recipients not yet sent to are never sent to', run: (t: number, id: number) => control.cancel(t, id), done: () => 'Campaign cancelled successfully' },
  ];
  for (const action of actions) {
    routes.post(`/:id/${action.path}/`, { summary: action.summary, response: r.action, alsoAt: [`/:id/${action.path}`] }, async (ctx) => {
      const { tenantId } = principalOf(ctx);
      const row = await action.run(tenantId, campaignId(ctx));
      const data = await one(tenantId, row);
      return { ...mifumoOk(data, action.done(row)), campaign: { id: row.id, status: row.status, started_at: data.started_at, scheduled_at: data.scheduled_at } };
    });
  }

  return [routes.router, createCampaignCallbacksRouter(deps, docs), createAnalyticsRouter(deps, docs)];
}

const startMessage = (row: CampaignRow) => (row.status === 'scheduled' ? 'Campaign scheduled successfully' : 'Campaign started successfully');
