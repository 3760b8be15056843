import type { ParameterizedContext } from 'koa';
import type { Logger } from '../../logger.js';
import type { Principal } from '../../domain/identity/principal.js';
import type { Family } from './families.js';

export interface AppState {
  requestId: string;
  log: Logger;
  family: Family;
  principal?: Principal;
  /** Set by `validate`; typed by each route's schema. */
  body?: unknown;
  query?: unknown;
  /** Set by a global middleware that must wrap the route's handler itself, after the route's own body parsers. */
  aroundHandler?: (handler: () => Promise<unknown>) => Promise<void>;
}

export type AppContext = ParameterizedContext<AppState>;

/** The authenticated caller; routes behind `requireAuth` can rely on it. */
export function principalOf(ctx: AppContext): Principal {
  if (!ctx.state.principal) throw new Error('principalOf used on a route without requireAuth');
  return ctx.state.principal;
}
