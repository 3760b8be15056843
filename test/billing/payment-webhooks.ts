import { randomBytes } from 'node:crypto';
import { razorpayWebhookSecret, signRazorpayWebhook } from '../../src/app/billing/razorpay-signature.js';
import type { TestApp } from '../support/harness.js';

export const newEventId = () => `evt_${randomBytes(7).toString('hex')}`;
export const newPaymentId = () => `pay_${randomBytes(7).toString('hex')}`;

/** The seeded plans' prices: a payment moves a subscription only when it pays exactly its plan's. */
export const PRICES = {
  pro: { amount: 99900, currency: 'INR' },
  enterprise: { amount: 499900, currency: 'INR' },
};
type Price = { amount: number; currency: string };

/** Razorpay-shaped events: the subscription (and payment) entities under `payload`. */
export function subscriptionEvent(event: string, subscriptionId: string, paymentId?: string, price: Price = PRICES.pro) {
  return {
    entity: 'event',
    account_id: 'acc_test',
    event,
    contains: paymentId ? ['subscription', 'payment'] : ['subscription'],
    payload: {
      subscription: { entity: { id: subscriptionId, entity: 'subscription', status: 'active' } },
      ...(paymentId ? { payment: { entity: { id: paymentId, entity: 'payment', ...price, status: 'captured' } } } : {}),
    },
    created_at: 1_700_000_000,
  };
}

export function paymentEvent(event: 'payment.captured' | 'payment.failed', subscriptionId: string, paymentId = newPaymentId(), price: Price = PRICES.pro) {
  return {
    entity: 'event',
    event,
    contains: ['payment'],
    payload: { payment: { entity: { id: paymentId, entity: 'payment', ...price, subscription_id: subscriptionId, notes: {} } } },
  };
}

/** Posts the exact bytes it signs, with the secret the app resolved; `signature: null` sends none. */
export function postPaymentWebhook(app: TestApp, body: unknown, opts: { eventId?: string; signature?: string | null } = {}) {
  const raw = JSON.stringify(body);
  const signature = opts.signature === undefined ? signRazorpayWebhook(razorpayWebhookSecret(app.config), raw) : opts.signature;
  return app.http.request('POST', '/api/payments/webhook/', undefined, {
    raw,
    headers: { 'content-type': 'application/json', 'x-razorpay-event-id': opts.eventId ?? newEventId(), ...(signature ? { 'x-razorpay-signature': signature } : {}) },
  });
}
