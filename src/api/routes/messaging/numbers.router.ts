import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { messagingResponses as r } from './messaging.responses.js';
import { principalOf, type AppContext } from '../../http/context.js';
import { fieldError, forbidden } from '../../../domain/shared/errors.js';
import { toE164 } from '../../../domain/messaging/phone-numbers.js';
import { loadTenantMessaging } from '../../../app/messaging/tenant-messaging.js';
import { listTenantNumbers, registerProvenNumber, removeTenantNumber } from '../../../db/messaging/tenant-numbers.js';
import type { MessagingServices } from './messaging-services.js';
import { pathId } from './ids.js';
import { ok } from './paging.js';

const addNumberBody = z.object({
  phone_number: z.string().trim().min(1, 'This field may not be blank.').max(40),
  friendly_name: z.string().max(100).optional(),
  is_default: z.boolean().optional(),
});

function requireManager(ctx: AppContext) {
  const p = principalOf(ctx);
  if (p.role !== 'owner' && p.role !== 'admin') throw forbidden('Only owners and admins manage the tenant’s numbers.');
  return p;
}

/**
 * The tenant's SMS numbers (not in seed 004, which has no way to say which numbers are yours): inbound
 * messages are routed to the tenant that owns the number they were sent to, and only its own numbers
 * can be sent from. Numbers bought as channels appear here at once; another is registered once the
 * provider account is seen to hold it.
 */
export function createNumbersRouter(deps: ApiDeps, docs: OpenApiCollector, services: MessagingServices) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'messaging: numbers', '/api/messaging/numbers');

  routes.get('/', { summary: 'The tenant’s SMS numbers', response: r.numbers }, async (ctx) => {
    const results = await listTenantNumbers(pool, principalOf(ctx).tenantId);
    return ok({ results, count: results.length, next: null, previous: null });
  });

  routes.post('/', { summary: 'Register a number the provider account holds (owner or admin); a number has one owner', body: addNumberBody, response: r.number, status: 201 }, async (ctx) => {
    const p = requireManager(ctx);
    const b = ctx.state.body;
    const e164 = toE164(b.phone_number, (await loadTenantMessaging(pool, p.tenantId)).defaultRegion);
    if (!e164) throw fieldError('phone_number', 'Enter a valid phone number.');
    const number = await registerProvenNumber(pool, services.provider, p.tenantId, { phoneE164: e164, friendlyName: b.friendly_name, isDefault: b.is_default });
    ctx.status = 201;
    return ok(number, 'Number registered successfully', 201);
  });

  routes.delete('/:id/', { summary: "Unregister a number (owner or admin); a channel's number goes with its channel", response: r.deleted }, async (ctx) => {
    const p = requireManager(ctx);
    await removeTenantNumber(pool, p.tenantId, pathId(ctx, 'Number'));
    return ok(null, 'Number removed successfully');
  });

  return routes.router;
}
