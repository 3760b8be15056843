import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { messagingResponses as r } from './messaging.responses.js';
import { principalOf } from '../../http/context.js';
import { getMessage, listMessages } from '../../../db/messaging/message-queries.js';
import { sendOneMessage } from '../../../app/messaging/message-sending.js';
import type { MessagingServices } from './messaging-services.js';
import { pathId } from './ids.js';
import { ok, paged, windowOf } from './paging.js';
import { messageListQuery, sendMessageBody } from './threads.schemas.js';

/** Seed 004's `/messaging/messages/`: message history, sending one message, and one message. */
export function createMessagesRouter(deps: ApiDeps, docs: OpenApiCollector, services: MessagingServices) {
  const pool = deps.db.pool;
  const sending = { pool, provider: services.provider, config: deps.config };
  const routes = new Routes(docs, 'messaging: messages', '/api/messaging/messages');

  routes.get('/', { summary: 'Messages in and out, newest first; filter by conversation, contact, campaign, direction, status', query: messageListQuery, response: r.messages }, async (ctx) => {
    const q = ctx.state.query;
    return ok(paged(ctx, deps.config.publicBaseUrl, q, await listMessages(pool, principalOf(ctx).tenantId, q, windowOf(q))));
  });

  routes.post('/', { summary: 'Send one SMS to a conversation, contact or number; text given or from a template', body: sendMessageBody, response: r.message, status: 201, errors: [404, 502, 503] }, async (ctx) => {
    const message = await sendOneMessage(sending, principalOf(ctx), ctx.state.body);
    ctx.status = 201;
    return ok(message, message.status === 'failed' ? 'Message could not be sent' : 'Message sent successfully', 201);
  });

  routes.get('/:id/', { summary: 'One message', response: r.message }, async (ctx) => ok(await getMessage(pool, principalOf(ctx).tenantId, String(pathId(ctx, 'Message')))));

  return routes.router;
}
