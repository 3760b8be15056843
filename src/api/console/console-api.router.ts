import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { principalOf } from '../http/context.js';
import { notFound } from '../../domain/shared/errors.js';
import { TaskService } from '../../app/tasks/task-service.js';
import { TASK_STATUSES } from '../../domain/tasks/task-status.js';
import { PHONE_GENERATION_KIND, PHONE_VALIDATION_KIND } from '../../domain/phone/task-kinds.js';
import { CAMPAIGN_KIND } from '../../domain/campaigns/campaign-ids.js';
import { findCampaign } from '../../db/campaigns/campaign-store.js';
import { isFinalCampaignStatus } from '../../domain/campaigns/campaign-status.js';
import { campaignTimeline } from '../../db/campaigns/campaign-timeline.js';
import { listBroadcasts } from '../../db/agent/broadcast-store.js';
import { consoleBroadcastView, consoleTaskView } from './console-views.js';
import { campaignTimeline as timelineSchema, consoleBroadcasts, consoleTasks } from './console.responses.js';

/** The long jobs the console follows; broadcasts have no task row and are listed on their own. */
const CONSOLE_KINDS = [PHONE_GENERATION_KIND, PHONE_VALIDATION_KIND, 'contact-import', CAMPAIGN_KIND];

const tasksQuery = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const broadcastsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/**
 * The reads the console needs that no seed documents: every kind of the tenant's tasks in one list,
 * its broadcasts, and a campaign's sent/delivered/failed over time. Everything the console changes
 * goes through the seeds' own endpoints.
 */
export function createConsoleApiRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const tasks = new TaskService(pool, deps.temporal);
  const routes = new Routes(docs, 'console', '/api/console');

  routes.get('/tasks/', { summary: "The tenant's generation, validation, import and campaign tasks, newest first", query: tasksQuery, response: consoleTasks }, async (ctx) => {
    const { tenantId } = principalOf(ctx);
    const q = ctx.state.query;
    const { rows, count } = await tasks.list(tenantId, { kinds: CONSOLE_KINDS, status: q.status }, { limit: q.limit, offset: 0 });
    return { count, results: rows.map(consoleTaskView) };
  });

  routes.get('/broadcasts/', { summary: "The tenant's latest broadcasts with their counts", query: broadcastsQuery, response: consoleBroadcasts }, async (ctx) => {
    const rows = await listBroadcasts(pool, principalOf(ctx).tenantId, ctx.state.query.limit);
    return { count: rows.length, results: rows.map(consoleBroadcastView) };
  });

  routes.get('/campaigns/:id/timeline/', { summary: "A campaign's cumulative sent, delivered and failed recipients over time", response: timelineSchema }, async (ctx) => {
    const { tenantId } = principalOf(ctx);
    const id = /^\d{1,15}$/.test(ctx.params.id ?? '') ? Number(ctx.params.id) : null;
    const campaign = id === null ? null : await findCampaign(pool, tenantId, id);
    if (!campaign) throw notFound('Campaign not found.');
    // A running or paused campaign's chart reaches to now, so a pause shows as a flat stretch.
    const until = isFinalCampaignStatus(campaign.status) ? (campaign.completed_at ?? campaign.updated_at) : new Date();
    return { campaign_id: campaign.id, status: campaign.status, points: await campaignTimeline(pool, tenantId, campaign.id, until) };
  });

  return routes.router;
}
