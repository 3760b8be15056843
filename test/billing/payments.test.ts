import { subscriptionStateQuery } from '../../src/workflows/subscription/subscription-messages.js';
import { TASK_KIND_KEY, TENANT_KEY } from '../../src/temporal/search-attributes.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { recordHistory } from '../replay/record-history.js';
import { eventually } from '../support/eventually.js';
import { newEventId, newPaymentId, paymentEvent, postPaymentWebhook, PRICES, subscriptionEvent } from './payment-webhooks.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const subscribe = (account: TestAccount, body: unknown) => app.http.post('/api/payments/subscribe/', body, { token: account.token });
const row = async (id: string) => (await app.owner.query(`select * from subscriptions where id = $1`, [id])).rows[0];
const workflowOf = (account: TestAccount, id: string) => app.temporal.client.workflow.getHandle(`subscription-t${account.tenantId}-${id}`);
const eventCount = async (id: string) => (await app.owner.query(`select count(*)::int as n from payment_events where subscription_id = $1`, [id])).rows[0].n;

describe('GET /api/payments/plans/', () => {
  it('when listed, then the free, pro and enterprise plans come in the documented shape', async () => {
    const owner = await createAccount(app);
    const res = await app.http.get('/api/payments/plans/', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.plans.map((p: { plan_type: string }) => p.plan_type)).toEqual(['free', 'pro', 'enterprise']);
    expect(res.body.plans[1]).toMatchObject({
      id: 'plan_pro',
      amount: 99900,
      currency: 'INR',
      item: { name: 'Pro', description: expect.any(String), amount: 99900, currency: 'INR' },
      period: 'monthly',
      interval: 1,
      plan_type: 'pro',
    });
  });
});

describe('POST /api/payments/subscribe/', () => {
  it('when the owner subscribes to a paid plan, then a pending subscription and its lifecycle workflow exist', async () => {
    const owner = await createAccount(app);
    const res = await subscribe(owner, { plan_id: 'plan_pro', plan_type: 'pro' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, subscription: { id: res.body.subscription_id, plan_id: 'plan_pro', status: 'pending' } });
    expect(res.body.subscription_id).toMatch(/^sub_[A-Za-z0-9]{14}$/);
    const described = await workflowOf(owner, res.body.subscription_id).describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.taskQueue).toBe(app.config.temporal.taskQueues.bulk);
    expect(described.typedSearchAttributes.get(TENANT_KEY)).toBe(String(owner.tenantId));
    expect(described.typedSearchAttributes.get(TASK_KIND_KEY)).toBe('subscription');

    const again = await subscribe(owner, { plan_type: 'pro' });
    expect(again.body.subscription_id).toBe(res.body.subscription_id);
  });

  it('when the tenant subscribes to another plan, then the live subscription changes plan and its workflow hears it', async () => {
    const owner = await createAccount(app);
    const first = await subscribe(owner, { plan_id: 'plan_pro' });
    const second = await subscribe(owner, { plan_id: 'plan_enterprise' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ subscription_id: first.body.subscription_id, subscription: { plan_id: 'plan_enterprise', plan_type: 'enterprise' } });
    const state = await eventually(() => workflowOf(owner, first.body.subscription_id).query(subscriptionStateQuery), (s) => s.planId === 'plan_enterprise');
    expect(state.planId).toBe('plan_enterprise');
    await recordHistory(app, workflowOf(owner, first.body.subscription_id).workflowId, 'subscription-plan-changed');
  });

  it('when the free plan is chosen, then it is active at once and the workflow opens its first period', async () => {
    const owner = await createAccount(app);
    const res = await subscribe(owner, { plan_type: 'free' });
    expect(res.body.subscription.status).toBe('active');
    const stored = await eventually(() => row(res.body.subscription_id), (r) => r.cycle === 1);
    expect(stored).toMatchObject({ status: 'active', cycle: 1, current_period_start: expect.any(Date), current_period_end: expect.any(Date) });
    expect(stored.current_period_end > stored.current_period_start).toBe(true);
  });

  it.each([
    ['an unknown plan', { plan_id: 'plan_gold' }, 'plan_id'],
    ['plan_id and plan_type that disagree', { plan_id: 'plan_pro', plan_type: 'enterprise' }, 'plan_id'],
    ['no plan at all', {}, 'plan_id'],
  ])('when the body names %s, then 400 with a field error', async (_, body, field) => {
    const owner = await createAccount(app);
    const res = await subscribe(owner, body);
    expect(res.status).toBe(400);
    expect(res.body[field]).toEqual([expect.any(String)]);
    expect((await app.owner.query(`select count(*)::int as n from subscriptions where tenant_id = $1`, [owner.tenantId])).rows[0].n).toBe(0);
  });

  it('when a plain member subscribes, then 403', async () => {
    const owner = await createAccount(app);
    const member = await createAccount(app, { role: 'member', tenantId: owner.tenantId });
    const res = await subscribe(member, { plan_type: 'pro' });
    expect(res.status).toBe(403);
    expect(res.body.detail).toEqual(expect.any(String));
  });
});

describe('POST /api/payments/webhook/', () => {
  let owner: TestAccount;
  let subscriptionId: string;

  beforeAll(async () => {
    owner = await createAccount(app);
    subscriptionId = (await subscribe(owner, { plan_type: 'pro' })).body.subscription_id;
  });

  it.each([
    ['no signature', null],
    ['a signature of other bytes', 'a'.repeat(64)],
    ['a signature that is not hex', 'not-a-signature'],
  ])('when the webhook carries %s, then 400 and nothing changes', async (_, signature) => {
    const res = await postPaymentWebhook(app, paymentEvent('payment.captured', subscriptionId), { signature });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('Invalid webhook signature.');
    expect(await eventCount(subscriptionId)).toBe(0);
    expect((await row(subscriptionId)).status).toBe('pending');
  });

  it('when a signed payment.captured arrives, then the subscription is confirmed and its workflow starts the trial', async () => {
    const eventId = newEventId();
    const paymentId = newPaymentId();
    const res = await postPaymentWebhook(app, paymentEvent('payment.captured', subscriptionId, paymentId), { eventId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, status: 'processed', event: 'payment.captured', subscription_id: subscriptionId, subscription_status: 'trialing' });

    const state = await eventually(() => workflowOf(owner, subscriptionId).query(subscriptionStateQuery), (s) => s.trialEndsAt !== null);
    expect(state).toMatchObject({ status: 'trialing', confirmed: true, cycle: 0 });
    const stored = await eventually(() => row(subscriptionId), (r) => r.trial_ends_at !== null);
    expect(stored).toMatchObject({ status: 'trialing', last_payment_id: paymentId });
    expect(stored.trial_ends_at.toISOString()).toBe(state.trialEndsAt);

    const repeat = await postPaymentWebhook(app, paymentEvent('payment.captured', subscriptionId, paymentId), { eventId });
    expect(repeat.body.status).toBe('duplicate');
    expect(await eventCount(subscriptionId)).toBe(1);
  });

  it('when a signed subscription.cancelled arrives, then the subscription is cancelled and its workflow ends', async () => {
    const res = await postPaymentWebhook(app, subscriptionEvent('subscription.cancelled', subscriptionId));
    expect(res.body).toMatchObject({ status: 'processed', subscription_status: 'cancelled' });
    await expect(workflowOf(owner, subscriptionId).result()).resolves.toEqual({ status: 'cancelled', cycle: 0 });
    expect(await row(subscriptionId)).toMatchObject({ status: 'cancelled', ended_at: expect.any(Date), cancel_reason: 'cancelled at the payment provider' });
    await recordHistory(app, workflowOf(owner, subscriptionId).workflowId, 'subscription-trial-cancelled');

    const late = await postPaymentWebhook(app, subscriptionEvent('subscription.charged', subscriptionId, newPaymentId()));
    expect(late.body).toMatchObject({ status: 'processed', subscription_status: 'cancelled' });
  });

  it('when a plan without a trial is paid, then the workflow opens the first billing period', async () => {
    const other = await createAccount(app);
    const id = (await subscribe(other, { plan_type: 'enterprise' })).body.subscription_id;
    const res = await postPaymentWebhook(app, subscriptionEvent('subscription.charged', id, newPaymentId(), PRICES.enterprise));
    expect(res.body.subscription_status).toBe('active');
    const stored = await eventually(() => row(id), (r) => r.cycle === 1);
    expect(stored).toMatchObject({ status: 'active', cycle: 1, current_period_end: expect.any(Date) });
    const state = await workflowOf(other, id).query(subscriptionStateQuery);
    expect(state).toMatchObject({ status: 'active', cycle: 1, currentPeriodEnd: stored.current_period_end.toISOString() });
    await recordHistory(app, workflowOf(other, id).workflowId, 'subscription-active');
  });

  it('when a signed event names no known subscription, then it is acknowledged and ignored', async () => {
    const res = await postPaymentWebhook(app, paymentEvent('payment.captured', 'sub_doesnotexist00'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, status: 'ignored', subscription_id: null });
  });

  it('when a signed body is not an event, then 400 names the field', async () => {
    const res = await postPaymentWebhook(app, { hello: 'world' });
    expect(res.status).toBe(400);
    expect(res.body.event).toEqual([expect.any(String)]);
  });
});
