import Koa from 'koa';
import type Router from '@koa/router';
import type { ApiDeps } from './deps.js';
import type { AppState } from './http/context.js';
import { requestContext } from './middleware/request-context.js';
import { errorHandler } from './middleware/error-handler.js';
import { parseBody } from './middleware/body-parser.js';
import { inputHygiene } from './middleware/input-hygiene.js';
import { authenticate } from './middleware/authenticate.js';
import { crossSiteGuard } from './middleware/cross-site-guard.js';
import { idempotency } from './middleware/idempotency.js';
import { rateLimits } from './middleware/rate-limit.js';
import { corsPolicy } from './middleware/cors.js';
import { securityHeaders } from './middleware/security-headers.js';
import { compression } from './middleware/compression.js';
import { tenantScope } from './middleware/tenant-scope.js';
import { OpenApiCollector } from './openapi/collector.js';
import { createRouters } from './routes/index.js';
import { createDocsRouter } from './openapi/docs.router.js';
import { createConsoleAssetsRouter } from './console/console-assets.router.js';

/**
 * The Koa application: context, security headers, CORS, compression, errors, body parsing,
 * authentication, budgets, then one router per capability.
 */
export function createApp(deps: ApiDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.config.trustProxy });
  app.silent = true;
  const docs = new OpenApiCollector();
  const routers: Router<AppState>[] = createRouters(deps, docs);
  routers.push(createDocsRouter(docs, routers, deps.config.publicBaseUrl));

  const limits = rateLimits(deps.db.pool, deps.config.rateLimits);

  app.use(requestContext(deps.logger));
  app.use(deps.lifecycle.closeConnectionsWhileDraining());
  app.use(securityHeaders(deps.config.publicBaseUrl));
  app.use(corsPolicy(deps.config.corsOrigins));
  if (deps.config.compression) app.use(compression());
  app.use(errorHandler());
  // Static files need neither a body nor a caller: served before either is looked at.
  const consoleAssets = createConsoleAssetsRouter();
  app.use(consoleAssets.routes());
  app.use(consoleAssets.allowedMethods());
  app.use(limits.unauthenticated);
  app.use(parseBody({ limit: deps.config.bodyLimit }));
  app.use(inputHygiene());
  app.use(authenticate(deps.authenticator));
  app.use(tenantScope());
  app.use(crossSiteGuard(deps.config.publicBaseUrl));
  app.use(limits.perUser);
  app.use(idempotency(deps.db.pool));
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
