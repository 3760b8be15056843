import type { Middleware } from 'koa';
import { clientCode, DomainError } from '../../domain/shared/errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import { uniqueViolationConflict } from '../http/unique-violation.js';
import type { AppState } from '../http/context.js';
import { ERROR_CODE_HEADER, renderError, STATUS_BY_CODE, type ErrorView } from '../http/envelopes.js';

/** When a refusal does not say how long to wait: one minute, the shortest window of any budget. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * Maps every failure to its family's envelope; unexpected errors are logged and answered without
 * internals. Every 429 leaves here with Retry-After, whichever limiter refused.
 */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 429 && !ctx.response.get('Retry-After')) ctx.set('Retry-After', String(DEFAULT_RETRY_AFTER_SECONDS));
      if (ctx.status === 404 && ctx.body === undefined) throw new DomainError('NOT_FOUND', 'Not found.');
      if (ctx.status === 405 && (ctx.body === undefined || typeof ctx.body === 'string')) {
        throw Object.assign(new Error(`Method "${ctx.method}" not allowed.`), { status: 405, expose: true });
      }
    } catch (err) {
      const e = toView(err);
      if (e.status >= 500) ctx.state.log.error({ err }, 'request failed');
      ctx.status = e.status;
      if (e.status === 429) ctx.set('Retry-After', String(e.details?.retry_after ?? DEFAULT_RETRY_AFTER_SECONDS));
      ctx.set(ERROR_CODE_HEADER, e.clientCode);
      ctx.body = renderError(ctx.state.family, { ...e, requestId: ctx.state.requestId });
    }
  };
}

type View = Omit<ErrorView, 'requestId'>;

function toView(err: unknown): View {
  if (err instanceof DomainError) return domainView(err);
  // A create that raced another for a unique value and that no store turned into its own answer.
  if (isUniqueViolation(err)) return domainView(uniqueViolationConflict());
  const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string };
  const status = e.status ?? e.statusCode ?? 500;
  if (status === 413 || e.type === 'entity.too.large') return plainView(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large.');
  if (status === 415) return plainView(status, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type.');
  if (status < 500 && e.expose !== false) {
    return plainView(status, status === 404 ? 'NOT_FOUND' : status === 401 ? 'UNAUTHENTICATED' : 'VALIDATION', e.message ?? 'Bad request.');
  }
  return plainView(500, 'INTERNAL', 'A server error occurred.');
}

const domainView = (err: DomainError): View => ({
  status: STATUS_BY_CODE[err.code],
  code: err.code,
  clientCode: clientCode(err),
  message: err.message,
  fields: err.fields,
  details: err.details,
});

const plainView = (status: number, code: string, message: string): View => ({ status, code, clientCode: code, message });
