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
import { rateLimit } from './middleware/rate-limit.js';
import { tenantScope } from './middleware/tenant-scope.js';
import { OpenApiCollector } from './openapi/collector.js';
import { createRouters } from './routes/index.js';
import { createDocsRouter } from './openapi/docs.router.js';
import { createConsoleAssetsRouter } from './console/console-assets.router.js';

/** The Koa application: context, errors, body parsing, authentication, then one router per capability. */
export function createApp(deps: ApiDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.config.trustProxy });
  app.silent = true;
  const docs = new OpenApiCollector();
  const routers: Router<AppState>[] = createRouters(deps, docs);
  routers.push(createDocsRouter(docs, routers, deps.config.publicBaseUrl));

  app.use(requestContext(deps.logger));
  app.use(errorHandler());
  // Static files need neither a body nor a caller: served before either is looked at.
  const consoleAssets = createConsoleAssetsRouter();
  app.use(consoleAssets.routes());
  app.use(consoleAssets.allowedMethods());
  app.use(parseBody({ limit: deps.config.bodyLimit }));
  app.use(inputHygiene());
  app.use(authenticate(deps.authenticator));
  app.use(tenantScope());
  app.use(crossSiteGuard(deps.config.publicBaseUrl));
  app.use(rateLimit(deps.db.pool, deps.config.rateLimits));
  app.use(idempotency(deps.db.pool));
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
