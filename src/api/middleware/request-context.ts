import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../../logger.js';
import type { AppState } from '../http/context.js';
import { familyOf } from '../http/families.js';

/** Request id (taken from X-Request-Id when sane), a child logger, the envelope family, and an access log line. */
export function requestContext(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = /^[\w.-]{1,100}$/.test(incoming) ? incoming : `req_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    ctx.state.requestId = requestId;
    ctx.state.family = familyOf(ctx.path);
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.state.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, user: ctx.state.principal?.userId }, 'request');
    }
  };
}
