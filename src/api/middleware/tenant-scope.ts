import type { Middleware } from 'koa';
import { withTenant } from '../../db/tenant-scope.js';
import type { AppState } from '../http/context.js';

/**
 * Everything downstream of authentication runs in the caller's tenant scope, so each statement the
 * request runs is bound by row-level security to that tenant. Unauthenticated routes (webhooks) run
 * unscoped and enter a tenant only after routing the event to one (src/db/cross-tenant.ts).
 */
export function tenantScope(): Middleware<AppState> {
  return (ctx, next) => {
    const tenantId = ctx.state.principal?.tenantId;
    return tenantId ? withTenant(tenantId, () => next()) : next();
  };
}
