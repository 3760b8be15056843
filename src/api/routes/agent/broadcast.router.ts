import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { agentResponses as r } from './agent.responses.js';
import { principalOf } from '../../http/context.js';
import { notFound } from '../../../domain/shared/errors.js';
import { findBroadcast, insertBroadcast, markBroadcastFailed, newBroadcastId } from '../../../db/agent/broadcast-store.js';
import { broadcastStatusView } from '../../../app/agent/agent-views.js';
import { startBroadcast } from '../../../app/agent/agent-workflows.js';
import { broadcastBody } from './agent.schemas.js';

/** Seconds per batch of 50 texts we plan by, for the delivery estimate. */
const SECONDS_PER_RECIPIENT = 0.05;

/** Seed 002's broadcast to agent users by tier, sent by the `broadcastWorkflow`, and its status. */
export function createBroadcastRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'ai agent: messaging', '/api/messaging');
  const target = { temporal: deps.temporal, taskQueue: deps.config.temporal.taskQueues.messaging };

  routes.post('/broadcast/', { summary: 'Text every agent user of the chosen tiers', body: broadcastBody, response: r.broadcastQueued }, async (ctx) => {
    const tenantId = principalOf(ctx).tenantId;
    const b = ctx.state.body;
    const now = new Date();
    const row = await insertBroadcast(pool, tenantId, { messageId: newBroadcastId(now), message: b.message, tiers: [...new Set(b.tier_filter)], messageType: b.message_type });
    try {
      await startBroadcast(target, tenantId, { id: row.id, messageId: row.message_id });
    } catch (err) {
      await markBroadcastFailed(pool, row.id);
      throw err;
    }
    return {
      message_id: row.message_id,
      recipients_count: row.recipients_count,
      estimated_delivery: new Date(now.getTime() + Math.ceil(5 + row.recipients_count * SECONDS_PER_RECIPIENT) * 1000),
      status: 'queued',
    };
  });

  routes.get('/status/:messageId/', { summary: "A broadcast's delivery status", response: r.broadcastStatus }, async (ctx) => {
    const row = await findBroadcast(pool, principalOf(ctx).tenantId, String(ctx.params.messageId));
    if (!row) throw notFound('No broadcast with this message id.');
    return broadcastStatusView(row);
  });

  return routes.router;
}
