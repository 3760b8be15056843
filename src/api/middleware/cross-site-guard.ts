import type { Middleware } from 'koa';
import { forbidden } from '../../domain/shared/errors.js';
import type { AppContext, AppState } from '../http/context.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Seed 000 documents these deletions as GETs; a link on another site must not be able to fire them.
const STATE_CHANGING_GETS = /^\/api\/phone-generator\/(clear-numbers|delete-all)\/?$/;

/**
 * Refuses a change made with the session cookie from another site (CSRF). The browser attaches the
 * cookie by itself, so only a cookie-authenticated principal is judged; a request carrying
 * Authorization or X-API-Key proves its caller holds the credential and passes. A request is
 * cross-site when the browser says so (`Sec-Fetch-Site`), or, from a browser that does not send it,
 * when its Origin (else its Referer) is not this deployment's own. Neither header (curl) passes.
 */
export function crossSiteGuard(publicBaseUrl: string): Middleware<AppState> {
  const ownOrigin = new URL(publicBaseUrl).origin;
  return async (ctx, next) => {
    if (ctx.state.principal?.via === 'session' && changesState(ctx) && isCrossSite(ctx, ownOrigin)) {
      throw forbidden('Cross-site request refused: a change made with the session cookie must come from this site; other clients send Authorization.');
    }
    await next();
  };
}

function changesState(ctx: AppContext): boolean {
  return UNSAFE_METHODS.has(ctx.method) || ((ctx.method === 'GET' || ctx.method === 'HEAD') && STATE_CHANGING_GETS.test(ctx.path));
}

function isCrossSite(ctx: AppContext, ownOrigin: string): boolean {
  const site = ctx.get('sec-fetch-site').toLowerCase();
  if (site) return site === 'cross-site';
  const source = ctx.get('origin') || ctx.get('referer');
  return source !== '' && originOf(source) !== ownOrigin;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
