import { countSegments } from './sms-segments.js';

/**
 * A tenant's SMS price is `tenants.settings.sms_price_per_segment` (currency in `sms_currency`).
 * Without one, 0.25 per segment: the rate seed 004's own example implies (500 single-part recipients
 * estimated at 125.0). Costs are kept to 4 decimal places, the precision of the `messages.cost` column.
 */
export const DEFAULT_PRICE_PER_SEGMENT = 0.25;
const DEFAULT_CURRENCY = 'USD';

export interface SmsPrice {
  perSegment: number;
  currency: string;
}

export function smsPriceFrom(settings: Record<string, unknown> | null | undefined): SmsPrice {
  const raw = settings?.sms_price_per_segment;
  const value = typeof raw === 'string' ? Number(raw) : raw;
  const perSegment = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_PRICE_PER_SEGMENT;
  const currency = typeof settings?.sms_currency === 'string' && /^[A-Z]{3}$/.test(settings.sms_currency) ? settings.sms_currency : DEFAULT_CURRENCY;
  return { perSegment, currency };
}

const roundCost = (amount: number) => Math.round(amount * 10_000) / 10_000;

/** Cost of `segments` parts sent `recipients` times. */
export function smsCost(segments: number, price: SmsPrice, recipients = 1): number {
  return roundCost(segments * recipients * price.perSegment);
}

/** Segments and cost of sending `text` to `recipients` numbers. */
export function estimateSmsCost(text: string, price: SmsPrice, recipients = 1) {
  const { segments, encoding } = countSegments(text);
  return { segments, encoding, perSegment: price.perSegment, currency: price.currency, cost: smsCost(segments, price, recipients) };
}
