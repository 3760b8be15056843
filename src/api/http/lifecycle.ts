import type { Middleware } from 'koa';
import type { AppState } from './context.js';

/**
 * Whether this API process is stopping. While it drains, readiness answers 503 (a load balancer
 * stops sending), and every answer closes its connection, so keep-alive clients reconnect elsewhere
 * instead of waiting on a server that no longer listens.
 */
export class ApiLifecycle {
  private stopping = false;

  get draining(): boolean {
    return this.stopping;
  }

  beginDrain(): void {
    this.stopping = true;
  }

  closeConnectionsWhileDraining(): Middleware<AppState> {
    return async (ctx, next) => {
      try {
        await next();
      } finally {
        if (this.stopping) ctx.set('Connection', 'close');
      }
    };
  }
}
