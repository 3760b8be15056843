import { BUSINESS_CODES, type BusinessCode } from './business-codes.js';

/** Stable error codes; the Koa error middleware and the activity boundary are the only translators. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'INVALID_STATUS'
  | 'LIMIT_EXCEEDED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PROVIDER_ERROR'
  | 'UNAVAILABLE';

export type FieldErrors = Record<string, string[]>;

/** `code` sets the HTTP status; `businessCode`, when known, says what a client can do about it. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly details?: Record<string, unknown>,
    readonly businessCode?: BusinessCode,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** Read by the activity boundary: only an unavailable dependency may pass on a later attempt. */
  get retryable(): boolean {
    return this.code === 'UNAVAILABLE';
  }
}

/** The code a client acts on: the business code when there is one, else the generic code. */
export const clientCode = (err: DomainError): string => err.businessCode ?? err.code;

/** A DomainError that names its business code, answered with the code's own ErrorCode. */
export const businessError = (businessCode: BusinessCode, message: string, extra: { fields?: FieldErrors; details?: Record<string, unknown> } = {}) =>
  new DomainError(BUSINESS_CODES[businessCode], message, extra.fields, extra.details, businessCode);

export const validationError = (fields: FieldErrors, message = 'Validation failed') => new DomainError('VALIDATION', message, fields);
export const fieldError = (field: string, message: string) => validationError({ [field]: [message] });
export const notFound = (message = 'Not found.', field?: string) =>
  new DomainError('NOT_FOUND', message, field ? { [field]: [message] } : undefined);
export const unauthenticated = (message = 'Authentication credentials were not provided.') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You do not have permission to perform this action.', field?: string) =>
  new DomainError('FORBIDDEN', message, field ? { [field]: [message] } : undefined);
export const conflict = (message: string, details?: Record<string, unknown>) => new DomainError('CONFLICT', message, undefined, details);
export const invalidStatus = (message: string, currentStatus: string, allowedStatuses: readonly string[], businessCode?: BusinessCode) =>
  new DomainError('INVALID_STATUS', message, undefined, { current_status: currentStatus, allowed_statuses: [...allowedStatuses] }, businessCode);
