import type { Middleware } from 'koa';
import type { Authenticator } from '../../app/identity/authenticator.js';
import type { Principal } from '../../domain/identity/principal.js';
import { forbidden, unauthenticated } from '../../domain/shared/errors.js';
import type { AppState } from '../http/context.js';

export const SESSION_COOKIE = 'sessionid';

/**
 * Accepts `Authorization: Bearer <JWT>` (seed 004), `Authorization: Token <api key>` (000, 002), an
 * `X-API-Key` header, and the session cookie (001). A credential that is present but not valid is a 401
 * at once; no credential leaves the request anonymous for `requireAuth` to judge.
 */
export function authenticate(auth: Authenticator): Middleware<AppState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization').trim();
    const apiKeyHeader = ctx.get('x-api-key').trim();
    let principal: Principal | null = null;
    if (header) {
      const [scheme, credential, extra] = header.split(/\s+/);
      if (!credential || extra) throw unauthenticated('Invalid authorization header.');
      const kind = scheme.toLowerCase();
      if (kind === 'bearer' || kind === 'jwt') principal = await auth.fromJwt(credential);
      else if (kind === 'token' || kind === 'api-key' || kind === 'apikey') principal = await auth.fromApiKey(credential);
      else throw unauthenticated(`Unsupported authorization scheme "${scheme}".`);
      if (!principal) throw unauthenticated(kind === 'bearer' || kind === 'jwt' ? 'Given token not valid or expired.' : 'Invalid token.');
    } else if (apiKeyHeader) {
      principal = await auth.fromApiKey(apiKeyHeader);
      if (!principal) throw unauthenticated('Invalid token.');
    } else {
      const session = ctx.cookies.get(SESSION_COOKIE);
      if (session) principal = await auth.fromSession(session);
    }
    if (principal) {
      const tenantHeader = ctx.get('x-tenant-id').trim();
      if (tenantHeader && Number(tenantHeader) !== principal.tenantId) {
        const inTenant = /^\d+$/.test(tenantHeader) ? await auth.principalFor(principal.userId, principal.via, Number(tenantHeader)) : null;
        if (!inTenant) throw forbidden('You are not a member of this tenant.');
        principal = inTenant;
      }
      ctx.state.principal = principal;
    }
    await next();
  };
}

export function requireAuth(): Middleware<AppState> {
  return async (ctx, next) => {
    if (!ctx.state.principal) throw unauthenticated();
    await next();
  };
}
