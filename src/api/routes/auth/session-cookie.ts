import type { AppContext } from '../../http/context.js';
import { SESSION_COOKIE } from '../../middleware/authenticate.js';

// Lax keeps the cookie off cross-site POSTs (the CSRF vector) while links into the app still work.
const options = { httpOnly: true, sameSite: 'lax', path: '/', overwrite: true } as const;

export function setSessionCookie(ctx: AppContext, token: string, maxAgeMs: number) {
  ctx.cookies.set(SESSION_COOKIE, token, { ...options, maxAge: maxAgeMs });
}

export function clearSessionCookie(ctx: AppContext) {
  ctx.cookies.set(SESSION_COOKIE, null, options);
}

export const sessionTokenOf = (ctx: AppContext) => ctx.cookies.get(SESSION_COOKIE) || undefined;
