import type { AppContext } from '../../http/context.js';
import { SESSION_COOKIE } from '../../middleware/authenticate.js';

// Lax keeps the cookie off cross-site POSTs (the CSRF vector) while links into the app still work;
// the cross-site guard refuses what Lax lets through (top-level GETs, same-site subdomains, old browsers).
const options = { httpOnly: true, sameSite: 'lax', path: '/', overwrite: true } as const;

/**
 * `secure` when the deployment's public URL is https: the browser's hop is TLS even when a proxy
 * forwards plain HTTP to us, so the connection alone cannot tell (and Koa would refuse to set it).
 */
function withSecurity(ctx: AppContext, secure: boolean) {
  if (secure) ctx.cookies.secure = true;
  return { ...options, secure };
}

export function setSessionCookie(ctx: AppContext, token: string, maxAgeMs: number, secure: boolean) {
  ctx.cookies.set(SESSION_COOKIE, token, { ...withSecurity(ctx, secure), maxAge: maxAgeMs });
}

export function clearSessionCookie(ctx: AppContext, secure: boolean) {
  ctx.cookies.set(SESSION_COOKIE, null, withSecurity(ctx, secure));
}

export const sessionTokenOf = (ctx: AppContext) => ctx.cookies.get(SESSION_COOKIE) || undefined;
