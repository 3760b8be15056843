import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { messagingResponses as r } from './messaging.responses.js';
import { principalOf, type AppContext } from '../../http/context.js';
import { forbidden } from '../../../domain/shared/errors.js';
import { canManage } from '../../../domain/tenancy/roles.js';
import { ALPHANUMERIC_SENDER, listSenderIds, registerSenderId, removeSenderId } from '../../../db/messaging/sender-ids.js';
import { pathId } from './ids.js';
import { ok } from './paging.js';

const addSenderIdBody = z.object({
  sender_id: z.string().trim().regex(ALPHANUMERIC_SENDER, 'Use 1–11 letters, digits and spaces, with at least one letter.'),
});

function requireManager(ctx: AppContext) {
  const p = principalOf(ctx);
  if (!canManage(p.role)) throw forbidden('Only owners and admins manage the tenant’s sender IDs.');
  return p;
}

/**
 * The tenant's alphanumeric sender IDs (seed 004 sends `sender_id: 'MIFUMO'` but dropped its own
 * sender-ID endpoints): a send under an ID is accepted only once the ID is registered here.
 */
export function createSenderIdsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'messaging: sender ids', '/api/messaging/sender-ids');

  routes.get('/', { summary: 'The tenant’s alphanumeric sender IDs', response: r.senderIds }, async (ctx) => {
    const results = await listSenderIds(pool, principalOf(ctx).tenantId);
    return ok({ results, count: results.length, next: null, previous: null });
  });

  routes.post('/', { summary: 'Register an alphanumeric sender ID (owner or admin); an ID belongs to one tenant', body: addSenderIdBody, response: r.senderId, status: 201 }, async (ctx) => {
    const p = requireManager(ctx);
    const senderId = await registerSenderId(pool, p.tenantId, ctx.state.body.sender_id);
    ctx.status = 201;
    return ok(senderId, 'Sender ID registered successfully', 201);
  });

  routes.delete('/:id/', { summary: 'Unregister a sender ID (owner or admin)', response: r.deleted }, async (ctx) => {
    const p = requireManager(ctx);
    await removeSenderId(pool, p.tenantId, pathId(ctx, 'Sender ID'));
    return ok(null, 'Sender ID removed successfully');
  });

  return routes.router;
}
