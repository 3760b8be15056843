import { NumberPurchaseError } from './number-purchase.js';

/**
 * Twilio failures as `NumberPurchaseError`: throttling, 5xx and no answer at all may succeed later;
 * any other 4xx (bad credentials, unverified account, address required) will not.
 */
export function toNumberPurchaseError(err: unknown): NumberPurchaseError {
  if (err instanceof NumberPurchaseError) return err;
  const e = (err ?? {}) as { status?: number; code?: number | string; message?: string };
  const status = typeof e.status === 'number' ? e.status : null;
  if (status === null) return new NumberPurchaseError(`Twilio unreachable: ${e.message ?? String(err)}`, 'unavailable');
  const detail = `Twilio ${status}${e.code ? ` (${e.code})` : ''}: ${e.message ?? 'request failed'}`;
  return new NumberPurchaseError(detail, status === 429 || status >= 500 ? 'unavailable' : 'refused', status);
}
