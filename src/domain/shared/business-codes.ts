import type { ErrorCode } from './errors.js';

/**
 * Business codes: what went wrong in terms a client can act on, more specific than the ErrorCode that
 * sets the HTTP status. Each names the ErrorCode it answers with unless its thrower says otherwise.
 * Stable: clients branch on them, and activities use them as ApplicationFailure types.
 */
export const BUSINESS_CODES = {
  /** The area code has fewer free (or matching) numbers than were asked for. */
  AREA_CODE_EXHAUSTED: 'VALIDATION',
  /** The object's status does not allow the action (see details.allowed_statuses). */
  INVALID_TRANSITION: 'INVALID_STATUS',
  /** The user's export download limit would be passed. */
  DOWNLOAD_LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** The agent user's tier allowance for the month is used up. */
  TIER_LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** The tenant's bytes of unfinished uploads would pass its quota. */
  UPLOAD_QUOTA_EXCEEDED: 'PAYLOAD_TOO_LARGE',
  /** Chunks are missing, or they do not add up to the announced size. */
  UPLOAD_INCOMPLETE: 'VALIDATION',
  /** The upload expired before it was completed. */
  UPLOAD_EXPIRED: 'CONFLICT',
  /** The template named by the request does not exist in the tenant. */
  TEMPLATE_NOT_FOUND: 'VALIDATION',
  /** The phone number is already held by another channel or tenant. */
  NUMBER_TAKEN: 'CONFLICT',
  /** The provider has no number to sell in the country. */
  NO_NUMBERS_AVAILABLE: 'PROVIDER_ERROR',
  /** The provider refused the request; retrying it unchanged will not help. */
  PROVIDER_REFUSED: 'PROVIDER_ERROR',
  /** The provider could not be reached or is overloaded; a retry later may pass. */
  PROVIDER_UNAVAILABLE: 'UNAVAILABLE',
  /** The Idempotency-Key was used before for a different request. */
  IDEMPOTENCY_KEY_REUSED: 'CONFLICT',
  /** A request with this Idempotency-Key is still running. */
  IDEMPOTENCY_KEY_IN_USE: 'CONFLICT',
} as const satisfies Record<string, ErrorCode>;

export type BusinessCode = keyof typeof BUSINESS_CODES;

/** ApplicationFailure types used before failures were typed by business code, still in recorded histories. */
const FORMER_FAILURE_TYPES: Record<string, BusinessCode> = {
  AreaCodeExhausted: 'AREA_CODE_EXHAUSTED',
  NoNumbersAvailable: 'NO_NUMBERS_AVAILABLE',
  NumberPurchaseRefused: 'PROVIDER_REFUSED',
  NumberProviderUnavailable: 'PROVIDER_UNAVAILABLE',
  PhoneNumberTaken: 'NUMBER_TAKEN',
  LookupRefused: 'PROVIDER_REFUSED',
  LookupUnavailable: 'PROVIDER_UNAVAILABLE',
};

const isBusinessCode = (value: unknown): value is BusinessCode => typeof value === 'string' && Object.hasOwn(BUSINESS_CODES, value);

/** The business code a failure type stands for, if any. Pure: workflows call it. */
export function businessCodeOfFailureType(type: string | null | undefined): BusinessCode | null {
  if (!type) return null;
  if (isBusinessCode(type)) return type;
  return Object.hasOwn(FORMER_FAILURE_TYPES, type) ? FORMER_FAILURE_TYPES[type] : null;
}

/**
 * An error that names its business code; the activity boundary makes it an ApplicationFailure of that
 * type, retried only when `retryable`.
 */
export interface CodedError extends Error {
  readonly businessCode: BusinessCode;
  readonly retryable: boolean;
  /** Extra facts for the failure's details (provider status codes …). */
  readonly failureDetails?: readonly unknown[];
}

export function isCodedError(err: unknown): err is CodedError {
  return err instanceof Error && isBusinessCode((err as Partial<CodedError>).businessCode);
}

/** A provider's failure, by whether trying again may pass. */
export const providerFailureCode = (retryable: boolean): BusinessCode => (retryable ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REFUSED');
