import type { Middleware } from 'koa';
import { clientCode, DomainError } from '../../../domain/shared/errors.js';
import type { AppState } from '../../http/context.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { uniqueViolationConflict } from '../../http/unique-violation.js';
import { ERROR_CODE_HEADER, fieldsSentence, STATUS_BY_CODE } from '../../http/envelopes.js';

/**
 * Seed 003 documents one error shape for its endpoint, `{error: "Failed to generate phone number",
 * details: "<why>"}` with `details` a sentence; field errors are joined into it and also kept under
 * `fields`. The status stays what the failure means (400, 409, 502, 503, 500); the code a client acts
 * on (NUMBER_TAKEN, NO_NUMBERS_AVAILABLE …) travels in the Error-Code header, outside the seed's body.
 */
export function seed003Errors(error: string): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (thrown) {
      const err = isUniqueViolation(thrown) ? uniqueViolationConflict() : thrown;
      if (!(err instanceof DomainError)) ctx.state.log.error({ err }, 'channel request failed');
      ctx.status = err instanceof DomainError ? STATUS_BY_CODE[err.code] : 500;
      ctx.set(ERROR_CODE_HEADER, err instanceof DomainError ? clientCode(err) : 'INTERNAL');
      ctx.body = err instanceof DomainError ? { error, details: sentence(err), ...(err.fields ? { fields: err.fields } : {}) } : { error, details: 'An unexpected error occurred.' };
    }
  };
}

const sentence = (err: DomainError): string => (err.fields ? fieldsSentence(err.fields) : err.message);
