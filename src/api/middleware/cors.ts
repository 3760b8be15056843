import cors from '@koa/cors';
import type { Middleware } from 'koa';
import type { AppState } from '../http/context.js';

/** What a cross-origin page may read besides the CORS-safelisted headers. */
const EXPOSED_HEADERS = ['Error-Code', 'X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'Content-Disposition', 'Idempotent-Replayed'];

/**
 * Cross-origin browser access for the origins in CORS_ORIGINS (`*` for any). With none listed no CORS
 * header is ever sent, so only the deployment's own pages (the console, Swagger UI) call the API from a
 * browser, in every environment. Credentials are not shared cross-origin: such pages send
 * Authorization or X-API-Key, never the session cookie, which keeps the cross-site guard's promise.
 */
export function corsPolicy(origins: string[]): Middleware<AppState> {
  const anyOrigin = origins.includes('*');
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('origin');
      if (!origin) return '';
      return anyOrigin ? '*' : allowed.has(origin) ? origin : '';
    },
    credentials: false,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  }) as Middleware<AppState>;
}
