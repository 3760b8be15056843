import type { DomainError, FieldErrors } from '../../domain/shared/errors.js';
import type { Family } from './families.js';

export const STATUS_BY_CODE: Record<DomainError['code'], number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID_STATUS: 400,
  LIMIT_EXCEEDED: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PROVIDER_ERROR: 502,
  UNAVAILABLE: 503,
};

/**
 * Every error answer names the code a client acts on (the business code when there is one) in this
 * header; envelopes that allow extra keys also carry it as `code`. Seeds 000 and 003 keep their bodies exact.
 */
export const ERROR_CODE_HEADER = 'Error-Code';

export interface ErrorView {
  status: number;
  code: string;
  /** The business code, else `code`. */
  clientCode: string;
  message: string;
  fields?: FieldErrors;
  details?: Record<string, unknown>;
  requestId: string;
}

/** Renders an error in the envelope its seed family documents. */
export function renderError(family: Family, e: ErrorView): Record<string, unknown> {
  const timestamp = new Date().toISOString();
  switch (family) {
    case 'phone':
      return { message: 'Errors', errors: e.fields ?? { detail: [e.message] } };
    case 'mifumo':
      return mifumo(e);
    case 'channels':
      return { error: e.message, details: e.fields ? fieldsSentence(e.fields) : e.message, ...(e.fields ? { fields: e.fields } : {}) };
    case 'auth':
      return { ...drf(e, timestamp), ...mifumo(e) };
    case 'drf':
      return drf(e, timestamp);
  }
}

function mifumo(e: ErrorView): Record<string, unknown> {
  return {
    success: false,
    status: e.status,
    message: e.message,
    error: e.message,
    ...(e.fields ? { errors: e.fields } : {}),
    error_code: e.code,
    code: e.clientCode,
    ...(e.details ? { details: e.details } : {}),
  };
}

function drf(e: ErrorView, timestamp: string): Record<string, unknown> {
  if (e.code === 'VALIDATION' && e.fields) {
    // Seed 002 words its validation detail this way; specific messages (malformed body …) are kept.
    const detail = e.message === 'Validation failed' ? 'The provided data is invalid' : e.message;
    // Seed 001 reads field lists at the top level; they come last so a field named like a key wins.
    return { error: 'validation_error', detail, fields: e.fields, code: e.clientCode, timestamp, request_id: e.requestId, ...e.fields };
  }
  if (e.code === 'RATE_LIMITED') {
    return { error: 'Rate limit exceeded', detail: e.message, retry_after: e.details?.retry_after, code: e.clientCode, timestamp, request_id: e.requestId };
  }
  return { detail: e.message, error: e.code.toLowerCase(), code: e.clientCode, ...(e.details ? e.details : {}), timestamp, request_id: e.requestId };
}

/** Seed 003's `details` is a sentence: field errors joined into one ("country: This field is required."). */
export function fieldsSentence(fields: FieldErrors): string {
  return Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    .join('; ');
}

export const phoneOk = (data: unknown, message = 'Successful') => ({ message, data });
export const mifumoOk = (data: unknown, message?: string) => ({ success: true, status: 200, ...(message ? { message } : {}), data });
