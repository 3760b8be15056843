import { SmsProviderError } from '../sms-provider.js';

interface RestLikeError {
  status?: number;
  code?: number | string;
  message?: string;
  moreInfo?: string;
}

/**
 * Twilio failures as `SmsProviderError`: throttling (429) and server errors (5xx) are worth retrying,
 * any other 4xx is a refusal that will not change on retry (bad number, unverified sender, no funds).
 * A failure without an HTTP status (refused connection, timeout) may have been sent or not; it is
 * retryable and reconciliation decides.
 */
export function toSmsProviderError(err: unknown): SmsProviderError {
  if (err instanceof SmsProviderError) return err;
  const e = (err ?? {}) as RestLikeError;
  const status = typeof e.status === 'number' ? e.status : null;
  if (status === null) return new SmsProviderError(`Twilio unreachable: ${e.message ?? String(err)}`, null, true, e.code);
  const retryable = status === 429 || status >= 500;
  return new SmsProviderError(`Twilio ${status}${e.code ? ` (${e.code})` : ''}: ${e.message ?? 'request failed'}`, status, retryable, e.code);
}
