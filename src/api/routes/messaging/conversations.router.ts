import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { messagingResponses as r } from './messaging.responses.js';
import { principalOf } from '../../http/context.js';
import { fieldError } from '../../../domain/shared/errors.js';
import { contactForConversation, getConversation, listConversations, openConversation, updateConversation } from '../../../db/messaging/conversation-queries.js';
import { contactsByPhone } from '../../../db/messaging/conversation-store.js';
import { toE164 } from '../../../domain/messaging/phone-numbers.js';
import { resolveSender } from '../../../db/messaging/sender.js';
import { loadTenantMessaging } from '../../../app/messaging/tenant-messaging.js';
import { pathId } from './ids.js';
import { ok, paged, windowOf } from './paging.js';
import { conversationListQuery, createConversationBody, updateConversationBody } from './threads.schemas.js';

/** Seed 004's `/messaging/conversations/`: threads by (tenant number, contact number), newest activity first. */
export function createConversationsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'messaging: conversations', '/api/messaging/conversations');

  routes.get('/', { summary: 'The tenant’s conversations', query: conversationListQuery, response: r.conversations }, async (ctx) => {
    const q = ctx.state.query;
    return ok(paged(ctx, deps.config.publicBaseUrl, q, await listConversations(pool, principalOf(ctx).tenantId, q, windowOf(q))));
  });

  routes.post('/', { summary: 'Open a conversation with a contact or number (or answer the existing one)', body: createConversationBody, responses: { 200: r.conversation, 201: r.conversation }, errors: [404] }, async (ctx) => {
    const { tenantId } = principalOf(ctx);
    const b = ctx.state.body;
    const tenant = await loadTenantMessaging(pool, tenantId);
    let contactNumber: string;
    let contactId: number | null;
    if (b.contactId !== undefined) {
      const contact = await contactForConversation(pool, tenantId, b.contactId);
      contactNumber = contact.phone;
      contactId = contact.id;
    } else {
      const e164 = toE164(b.phone!, tenant.defaultRegion);
      if (!e164) throw fieldError('phone', 'Enter a valid phone number.');
      contactNumber = e164;
      contactId = (await contactsByPhone(pool, tenantId, [e164])).get(e164)?.id ?? null;
    }
    const sender = await resolveSender(pool, tenantId, tenant.defaultRegion, b.senderId);
    const opened = await openConversation(pool, tenantId, { contactNumber, contactId, tenantNumber: sender.threadKey, subject: b.subject });
    ctx.status = opened.created ? 201 : 200;
    return ok(await getConversation(pool, tenantId, opened.id), opened.created ? 'Conversation created successfully' : 'Conversation already exists', ctx.status);
  });

  routes.get('/:id/', { summary: 'A conversation with its latest messages', response: r.conversation }, async (ctx) => ok(await getConversation(pool, principalOf(ctx).tenantId, pathId(ctx, 'Conversation'))));

  for (const method of ['put', 'patch'] as const) {
    routes[method]('/:id/', { summary: 'Update status, subject, assignee or metadata; mark_read clears the unread count', body: updateConversationBody, response: r.conversation }, async (ctx) => {
      const { mark_read, ...update } = ctx.state.body;
      const conversation = await updateConversation(pool, principalOf(ctx).tenantId, pathId(ctx, 'Conversation'), { ...update, ...(mark_read ? { unread_count: 0 } : {}) });
      return ok(conversation, 'Conversation updated successfully');
    });
  }

  return routes.router;
}
