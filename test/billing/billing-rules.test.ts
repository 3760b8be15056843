import { periodEnd } from '../../src/domain/billing/plan-terms.js';
import { canMove, isFinalSubscriptionStatus, statusesBefore } from '../../src/domain/billing/subscription-status.js';
import { parsePaymentEvent } from '../../src/domain/billing/payment-events.js';
import { razorpayWebhookSecret, signRazorpayWebhook, verifyRazorpayWebhook } from '../../src/app/billing/razorpay-signature.js';

const at = (iso: string) => Date.parse(iso);

describe('billing periods', () => {
  it.each([
    ['2025-01-31T10:00:00.000Z', 'monthly', 1, '2025-02-28T10:00:00.000Z'],
    ['2024-01-31T10:00:00.000Z', 'monthly', 1, '2024-02-29T10:00:00.000Z'],
    ['2025-03-15T00:00:00.000Z', 'monthly', 3, '2025-06-15T00:00:00.000Z'],
    ['2024-02-29T12:00:00.000Z', 'yearly', 1, '2025-02-28T12:00:00.000Z'],
    ['2025-01-01T00:00:00.000Z', 'weekly', 2, '2025-01-15T00:00:00.000Z'],
    ['2025-01-01T00:00:00.000Z', 'daily', 1, '2025-01-02T00:00:00.000Z'],
  ] as const)('when a %s period is %s × %i, then it ends on %s', (start, period, interval, end) => {
    expect(new Date(periodEnd(at(start), period, interval)).toISOString()).toBe(end);
  });
});

describe('subscription transitions', () => {
  it('when a subscription has ended, then no move leaves its final state', () => {
    for (const status of ['halted', 'cancelled', 'expired'] as const) {
      expect(isFinalSubscriptionStatus(status)).toBe(true);
      expect(canMove(status, 'active')).toBe(false);
    }
  });

  it('when asked where "active" may be reached from, then pending, trialing, active and past due are', () => {
    expect(statusesBefore('active').sort()).toEqual(['active', 'past_due', 'pending', 'trialing']);
    expect(canMove('pending', 'halted')).toBe(false);
  });
});

describe('payment events', () => {
  it('when a payment names its subscription by link, note or invoice, then the subscription is found', () => {
    const pay = (entity: Record<string, unknown>) => parsePaymentEvent({ event: 'payment.captured', payload: { payment: { entity: { id: 'pay_1', ...entity } } } });
    expect(pay({ subscription_id: 'sub_a' })).toEqual({ event: 'payment.captured', kind: 'paid', subscriptionId: 'sub_a', paymentId: 'pay_1' });
    expect(pay({ notes: { subscription_id: 'sub_b' } }).subscriptionId).toBe('sub_b');
    expect(parsePaymentEvent({ event: 'invoice.paid', payload: { invoice: { entity: { subscription_id: 'sub_c' } } } })).toMatchObject({ subscriptionId: 'sub_c', kind: null });
  });

  it('when the event is one this platform does not act on, then it has no kind', () => {
    expect(parsePaymentEvent({ event: 'refund.created', payload: {} })).toEqual({ event: 'refund.created', kind: null, subscriptionId: null, paymentId: null });
  });
});

describe('webhook signatures', () => {
  const body = '{"event":"payment.captured","payload":{}}';

  it('when the body is signed with the secret, then it verifies; any other byte or secret does not', () => {
    const signature = signRazorpayWebhook('s3cret-s3cret-s3cret', body);
    expect(verifyRazorpayWebhook('s3cret-s3cret-s3cret', body, signature)).toBe(true);
    expect(verifyRazorpayWebhook('s3cret-s3cret-s3cret', body.replace('captured', 'failed'), signature)).toBe(false);
    expect(verifyRazorpayWebhook('another-secret-entirely', body, signature)).toBe(false);
    expect(verifyRazorpayWebhook('s3cret-s3cret-s3cret', body, signature.slice(2))).toBe(false);
    expect(verifyRazorpayWebhook('s3cret-s3cret-s3cret', undefined, signature)).toBe(false);
  });

  it('when production has no webhook secret, then configuration fails instead of using the dev secret', () => {
    expect(() => razorpayWebhookSecret({ env: 'production', dataDir: '/nonexistent', razorpay: { webhookSecret: undefined } })).toThrow(/RAZORPAY_WEBHOOK_SECRET/);
    expect(razorpayWebhookSecret({ env: 'production', dataDir: '/nonexistent', razorpay: { webhookSecret: 'set-in-production-1' } })).toBe('set-in-production-1');
  });
});
