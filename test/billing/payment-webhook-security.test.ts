import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { razorpayWebhookSecret, signRazorpayWebhook } from '../../src/app/billing/razorpay-signature.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { eventually } from '../support/eventually.js';
import { newEventId, newPaymentId, paymentEvent, postPaymentWebhook, PRICES, subscriptionEvent } from './payment-webhooks.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const row = async (id: string) => (await app.owner.query(`select status, cycle from subscriptions where id = $1`, [id])).rows[0] as { status: string; cycle: number };
const subscribe = async (account: TestAccount, planType: string): Promise<string> =>
  (await app.http.post('/api/payments/subscribe/', { plan_type: planType }, { token: account.token })).body.subscription_id;
/** An enterprise subscription (no trial) whose first payment opened period 1. */
async function activeEnterprise(paymentId: string) {
  const id = await subscribe(await createAccount(app), 'enterprise');
  const first = await postPaymentWebhook(app, paymentEvent('payment.captured', id, paymentId, PRICES.enterprise));
  expect(first.body).toMatchObject({ status: 'processed', subscription_status: 'active' });
  expect(await eventually(() => row(id), (r) => r.cycle === 1)).toEqual({ status: 'active', cycle: 1 });
  return id;
}

describe('payment webhook secret', () => {
  it('when no RAZORPAY_WEBHOOK_SECRET is set outside production, then the install has its own secret under DATA_DIR and the old built-in one is refused', async () => {
    const file = path.join(app.config.dataDir, 'razorpay-webhook-secret');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(razorpayWebhookSecret(app.config));
    expect(razorpayWebhookSecret(app.config)).toHaveLength(64);

    const id = await subscribe(await createAccount(app), 'pro');
    const raw = JSON.stringify(paymentEvent('payment.captured', id));
    const forged = await app.http.request('POST', '/api/payments/webhook/', undefined, {
      raw,
      headers: { 'content-type': 'application/json', 'x-razorpay-signature': signRazorpayWebhook('switchboard-dev-razorpay-webhook-secret', raw) },
    });
    expect(forged.status).toBe(400);
    expect((await row(id)).status).toBe('pending');
  });

  it('when production starts without RAZORPAY_WEBHOOK_SECRET, then configuration fails with one message naming it beside the other bad variables', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'eighty' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^PORT: /), 'RAZORPAY_WEBHOOK_SECRET: required when NODE_ENV=production']);
    expect(loadConfig({ NODE_ENV: 'production', RAZORPAY_WEBHOOK_SECRET: 'a-production-secret-1' }).razorpay.webhookSecret).toBe('a-production-secret-1');
  });
});

describe('payment webhook amounts', () => {
  it.each([
    ['an amount other than the plan price', { amount: 100, currency: 'INR' }],
    ['the plan amount in another currency', { amount: 99900, currency: 'USD' }],
  ])('when a captured payment carries %s, then it is recorded and refused and the subscription stays pending', async (_, price) => {
    const id = await subscribe(await createAccount(app), 'pro');
    const paymentId = newPaymentId();
    const res = await postPaymentWebhook(app, paymentEvent('payment.captured', id, paymentId, price));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, status: 'refused', subscription_id: id, subscription_status: 'pending', reason: expect.stringContaining("does not match the plan's price of 99900 INR") });
    expect((await row(id)).status).toBe('pending');
    const recorded = await app.owner.query(`select outcome from payment_events where subscription_id = $1`, [id]);
    expect(recorded.rows).toEqual([{ outcome: 'refused' }]);

    const paid = await postPaymentWebhook(app, paymentEvent('payment.captured', id, newPaymentId(), PRICES.pro));
    expect(paid.body).toMatchObject({ status: 'processed', subscription_status: 'trialing' });
  });
});

describe('payment webhook de-duplication and ordering', () => {
  it('when a captured body is replayed under a new event id after a later failure, then it is a duplicate and the subscription stays past due', async () => {
    const p1 = newPaymentId();
    const id = await activeEnterprise(p1);
    const failed = await postPaymentWebhook(app, paymentEvent('payment.failed', id, newPaymentId(), PRICES.enterprise));
    expect(failed.body).toMatchObject({ status: 'processed', subscription_status: 'past_due' });

    const replay = await postPaymentWebhook(app, paymentEvent('payment.captured', id, p1, PRICES.enterprise), { eventId: newEventId() });
    expect(replay.body).toMatchObject({ status: 'duplicate', subscription_status: 'past_due' });
    const sameBodyNoHeader = await postPaymentWebhook(app, paymentEvent('payment.captured', id, p1, PRICES.enterprise), { eventId: '' });
    expect(sameBodyNoHeader.body.status).toBe('duplicate');
    expect((await row(id)).status).toBe('past_due');
  });

  it('when another event carries a payment already counted, then it changes nothing', async () => {
    const p1 = newPaymentId();
    const id = await activeEnterprise(p1);
    await postPaymentWebhook(app, paymentEvent('payment.failed', id, newPaymentId(), PRICES.enterprise));
    const charged = await postPaymentWebhook(app, subscriptionEvent('subscription.charged', id, p1, PRICES.enterprise));
    expect(charged.body).toMatchObject({ status: 'duplicate', subscription_status: 'past_due', reason: expect.stringContaining(p1) });
    expect((await row(id)).status).toBe('past_due');
  });

  it('when payment.failed arrives for a payment already captured, then it is stale and the subscription stays active', async () => {
    const p1 = newPaymentId();
    const id = await activeEnterprise(p1);
    const stale = await postPaymentWebhook(app, paymentEvent('payment.failed', id, p1, PRICES.enterprise));
    expect(stale.body).toMatchObject({ status: 'ignored', subscription_status: 'active', reason: expect.stringContaining('stale') });
    // The same failure naming only the payment is routed by the payment id and is just as stale.
    const unlinked = { event: 'payment.failed', payload: { payment: { entity: { id: p1, entity: 'payment', ...PRICES.enterprise, status: 'failed' } } } };
    expect((await postPaymentWebhook(app, unlinked)).body).toMatchObject({ status: 'ignored', subscription_id: id, subscription_status: 'active' });
    expect((await row(id)).status).toBe('active');
  });

  it('when a failure is replayed and the same payment is then captured late, then the failure counts once and the capture restores the subscription', async () => {
    const id = await activeEnterprise(newPaymentId());
    const p2 = newPaymentId();
    expect((await postPaymentWebhook(app, paymentEvent('payment.failed', id, p2, PRICES.enterprise))).body.status).toBe('processed');
    expect((await postPaymentWebhook(app, paymentEvent('payment.failed', id, p2, PRICES.enterprise), { eventId: newEventId() })).body.status).toBe('duplicate');
    const late = await postPaymentWebhook(app, paymentEvent('payment.captured', id, p2, PRICES.enterprise));
    expect(late.body).toMatchObject({ status: 'processed', subscription_status: 'active' });
  });

  it("when a payment counted for one tenant is presented for another tenant's subscription, then it is a duplicate and that subscription stays pending", async () => {
    const p1 = newPaymentId();
    await activeEnterprise(p1);
    const other = await subscribe(await createAccount(app), 'enterprise');
    const res = await postPaymentWebhook(app, paymentEvent('payment.captured', other, p1, PRICES.enterprise));
    expect(res.body).toMatchObject({ status: 'duplicate', subscription_status: 'pending' });
    expect((await row(other)).status).toBe('pending');
  });
});

describe('payment webhook tenant lookup', () => {
  it('when the webhook finds its tenant, then it does so through a security-definer function with a fixed search path', async () => {
    const { rows } = await app.owner.query(`select prosecdef, proconfig from pg_proc where proname = 'xt_payment_webhook_tenant'`);
    expect(rows).toEqual([{ prosecdef: true, proconfig: ['search_path=public'] }]);
  });
});
