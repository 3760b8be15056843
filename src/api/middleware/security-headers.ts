import helmet from 'koa-helmet';
import type { Middleware } from 'koa';
import type { AppState } from '../http/context.js';

/**
 * Helmet's security headers with a Content-Security-Policy that the deployment's own pages live
 * within: scripts, styles and sockets from this origin only (the console, its socket.io client and
 * Swagger UI are all served here, none inline), inline style attributes (Swagger UI sets them), data:
 * images. HSTS is sent when PUBLIC_BASE_URL is https. No upgrade-insecure-requests: every page here
 * loads same-origin relative URLs, so it would add nothing behind TLS and break pages reached over
 * plain http (a browser test on 127.0.0.1, `npm start`) when the base URL says https.
 */
export function securityHeaders(publicBaseUrl: string): Middleware<AppState> {
  const https = publicBaseUrl.startsWith('https://');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        // 'self' covers ws:// and wss:// to this host: Socket.IO and the plain WebSockets.
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
      },
    },
    strictTransportSecurity: https ? { maxAge: 15552000, includeSubDomains: true } : false,
  }) as Middleware<AppState>;
}
