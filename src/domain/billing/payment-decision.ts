import type { Money, ParsedPaymentEvent } from './payment-events.js';

/** What a payment already did to a subscription: a captured payment counts once, a failure only while not captured. */
export type PaymentEffect = 'paid' | 'failed';

export type PaymentDecision =
  | { outcome: 'apply'; effect: PaymentEffect | null }
  | { outcome: 'ignored' | 'refused' | 'duplicate'; reason: string };

const shown = (m: Money) => `${m.amount} ${m.currency}`;

/**
 * Whether a verified event may move its subscription; pure. Every event that carries a payment must be
 * for exactly the plan's price, and each payment id acts once per effect, whatever event carries it: so a
 * replay, or a second event about a payment already counted, changes nothing, and a failure reported for
 * a payment that was captured is stale. A capture after a failure of the same payment (a late
 * authorisation) still counts: money did arrive.
 */
export function decidePaymentEvent(e: ParsedPaymentEvent, price: Money, seen: ReadonlySet<PaymentEffect>): PaymentDecision {
  if (!e.kind) return { outcome: 'ignored', reason: `${e.event} changes no subscription.` };
  if (e.kind === 'cancelled' || (e.kind === 'activated' && !e.paymentId)) return { outcome: 'apply', effect: null };
  if (!e.paymentId) return { outcome: 'refused', reason: `${e.event} names no payment.` };
  if (!e.money) return { outcome: 'refused', reason: `Payment ${e.paymentId} states no amount and currency.` };
  if (e.money.amount !== price.amount || e.money.currency !== price.currency.toUpperCase()) {
    return { outcome: 'refused', reason: `Payment ${e.paymentId} of ${shown(e.money)} does not match the plan's price of ${shown(price)}.` };
  }
  const effect: PaymentEffect = e.kind === 'failed' ? 'failed' : 'paid';
  if (seen.has('paid')) {
    return effect === 'paid'
      ? { outcome: 'duplicate', reason: `Payment ${e.paymentId} was already applied.` }
      : { outcome: 'ignored', reason: `Payment ${e.paymentId} was captured; a failure reported after that is stale.` };
  }
  if (effect === 'failed' && seen.has('failed')) return { outcome: 'duplicate', reason: `The failure of payment ${e.paymentId} was already applied.` };
  return { outcome: 'apply', effect };
}
