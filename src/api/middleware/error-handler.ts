import type { Middleware } from 'koa';
import { DomainError } from '../../domain/shared/errors.js';
import type { AppState } from '../http/context.js';
import { renderError, STATUS_BY_CODE } from '../http/envelopes.js';

/** Maps every failure to its family's envelope; unexpected errors are logged and answered without internals. */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new DomainError('NOT_FOUND', 'Not found.');
      if (ctx.status === 405 && (ctx.body === undefined || typeof ctx.body === 'string')) {
        throw Object.assign(new Error(`Method "${ctx.method}" not allowed.`), { status: 405, expose: true });
      }
    } catch (err) {
      const e = toView(err);
      if (e.status >= 500) ctx.state.log.error({ err }, 'request failed');
      ctx.status = e.status;
      if (e.status === 429 && e.details?.retry_after) ctx.set('Retry-After', String(e.details.retry_after));
      ctx.body = renderError(ctx.state.family, { ...e, requestId: ctx.state.requestId });
    }
  };
}

function toView(err: unknown) {
  if (err instanceof DomainError) {
    return { status: STATUS_BY_CODE[err.code], code: err.code, message: err.message, fields: err.fields, details: err.details };
  }
  const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string };
  const status = e.status ?? e.statusCode ?? 500;
  if (status === 413 || e.type === 'entity.too.large') {
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large.' };
  }
  if (status === 400 && (e.type === 'entity.parse.failed' || /JSON|invalid/i.test(e.message ?? ''))) {
    return { status: 400, code: 'VALIDATION', message: 'Malformed request body.', fields: { body: ['Malformed request body: expected valid JSON.'] } };
  }
  if (status === 415) return { status, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported media type.' };
  if (status < 500 && e.expose !== false) {
    return { status, code: status === 404 ? 'NOT_FOUND' : status === 401 ? 'UNAUTHENTICATED' : 'VALIDATION', message: e.message ?? 'Bad request.' };
  }
  return { status: 500, code: 'INTERNAL', message: 'A server error occurred.' };
}
