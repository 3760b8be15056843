import { decidePaymentEvent, type PaymentEffect } from '../../src/domain/billing/payment-decision.js';
import { parsePaymentEvent } from '../../src/domain/billing/payment-events.js';

const PRO = { amount: 99900, currency: 'INR' };
const payment = (event: string, entity: Record<string, unknown>) => parsePaymentEvent({ event, payload: { payment: { entity: { id: 'pay_1', subscription_id: 'sub_a', ...entity } } } });
const decide = (event: string, entity: Record<string, unknown>, seen: PaymentEffect[] = []) => decidePaymentEvent(payment(event, entity), PRO, new Set(seen));

describe('payment decisions', () => {
  it('when a payment pays the plan price in its currency (any letter case), then it applies as paid', () => {
    expect(decide('payment.captured', { amount: 99900, currency: 'inr' })).toEqual({ outcome: 'apply', effect: 'paid' });
  });

  it.each([
    ['another amount', { amount: 99800, currency: 'INR' }],
    ['another currency', { amount: 99900, currency: 'USD' }],
    ['no amount', { currency: 'INR' }],
    ['an amount that is not a whole number', { amount: '99900', currency: 'INR' }],
  ])('when a payment carries %s, then it is refused', (_, entity) => {
    expect(decide('payment.captured', entity).outcome).toBe('refused');
    expect(decide('payment.failed', entity).outcome).toBe('refused');
  });

  it('when a payment already counted comes again in any event, then it is a duplicate; its failure afterwards is stale', () => {
    expect(decide('subscription.charged', PRO, ['paid']).outcome).toBe('duplicate');
    expect(decide('payment.failed', PRO, ['paid'])).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('stale') });
  });

  it('when a failed payment fails again or is captured late, then the failure counts once and the capture applies', () => {
    expect(decide('payment.failed', PRO, ['failed']).outcome).toBe('duplicate');
    expect(decide('payment.captured', PRO, ['failed'])).toEqual({ outcome: 'apply', effect: 'paid' });
  });

  it('when an event carries no payment, then cancellation and activation apply and a charge is refused', () => {
    const bare = (event: string) => decidePaymentEvent(parsePaymentEvent({ event, payload: { subscription: { entity: { id: 'sub_a' } } } }), PRO, new Set());
    expect(bare('subscription.cancelled')).toEqual({ outcome: 'apply', effect: null });
    expect(bare('subscription.activated')).toEqual({ outcome: 'apply', effect: null });
    expect(bare('subscription.charged').outcome).toBe('refused');
    expect(bare('refund.created').outcome).toBe('ignored');
  });
});
