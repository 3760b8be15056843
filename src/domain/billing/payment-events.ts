/** What a Razorpay webhook event means for a subscription; pure (the workflow's signal carries `PaymentEventKind`). */
export type PaymentEventKind = 'activated' | 'paid' | 'failed' | 'cancelled';

const KIND_BY_EVENT: Record<string, PaymentEventKind> = {
  'payment.captured': 'paid',
  'subscription.charged': 'paid',
  'subscription.activated': 'activated',
  'subscription.authenticated': 'activated',
  'subscription.cancelled': 'cancelled',
  'payment.failed': 'failed',
};

export interface RazorpayEvent {
  event: string;
  payload: Record<string, unknown>;
}

export interface ParsedPaymentEvent {
  event: string;
  /** Null for events that change nothing here (recorded and acknowledged all the same). */
  kind: PaymentEventKind | null;
  subscriptionId: string | null;
  paymentId: string | null;
  /** What the payment entity says was paid (smallest currency unit), when it says. */
  money?: Money;
}

export interface Money {
  amount: number;
  currency: string;
}

type Entity = Record<string, unknown> & { notes?: Record<string, unknown> };

const entityOf = (payload: Record<string, unknown>, name: string): Entity | undefined =>
  ((payload[name] as { entity?: Entity } | undefined)?.entity ?? undefined) as Entity | undefined;

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 64 ? v : null);

/** The subscription an event is about: the subscription entity, else the payment's or invoice's link or notes. */
export function parsePaymentEvent(body: RazorpayEvent): ParsedPaymentEvent {
  const subscription = entityOf(body.payload, 'subscription');
  const payment = entityOf(body.payload, 'payment');
  const invoice = entityOf(body.payload, 'invoice');
  const subscriptionId =
    text(subscription?.id) ?? text(payment?.subscription_id) ?? text(payment?.notes?.subscription_id) ?? text(invoice?.subscription_id) ?? null;
  const money = Number.isSafeInteger(payment?.amount) && text(payment?.currency) ? { amount: payment!.amount as number, currency: (payment!.currency as string).toUpperCase() } : undefined;
  return { event: body.event, kind: KIND_BY_EVENT[body.event] ?? null, subscriptionId, paymentId: text(payment?.id), ...(money ? { money } : {}) };
}
