import type Router from '@koa/router';
import type { ApiDeps } from '../deps.js';
import type { AppState } from '../http/context.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { createSystemRouter } from './system.router.js';

/** Every capability's router, in mount order. */
export function createRouters(deps: ApiDeps, docs: OpenApiCollector): Router<AppState>[] {
  return [createSystemRouter(deps, docs)];
}
