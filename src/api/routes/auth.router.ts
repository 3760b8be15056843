import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { createIdentity } from '../../app/identity/identity.js';
import { addSignInRoutes } from './auth/sign-in.routes.js';
import { addAccountRoutes } from './auth/account.routes.js';
import { addApiKeyRoutes } from './auth/api-key.routes.js';

/** /api/auth/: shared by seeds 001, 002 and 004, answering supersets where their documents overlap. */
export function createAuthRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const identity = createIdentity({ pool: deps.db.pool, jwt: deps.jwt, mailer: deps.mailer, config: deps.config });
  const routes = new Routes(docs, 'auth', '/api/auth');
  addSignInRoutes(routes, identity, { secureCookie: deps.config.publicBaseUrl.startsWith('https://') });
  addAccountRoutes(routes, identity);
  addApiKeyRoutes(routes, identity);
  return routes.router;
}
