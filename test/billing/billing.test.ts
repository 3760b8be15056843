import { createAccount, type TestAccount } from '../support/accounts.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { eventually } from '../support/eventually.js';
import { newPaymentId, postPaymentWebhook, PRICES, subscriptionEvent } from './payment-webhooks.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const get = (account: TestAccount, path: string) => app.http.get(`/api/billing/${path}`, { token: account.token });

/** A little of everything usage counts, written straight to the tables other capabilities own. */
async function seedUsage(account: TestAccount) {
  const pool = app.owner;
  await pool.query(
    `insert into messages (tenant_id, direction, to_number, from_number, body, segments, cost, currency, status, provider)
     values ($1, 'outbound', '+14155550100', '+14155550001', 'hi', 1, 0.0079, 'USD', 'delivered', 'simulated'),
            ($1, 'outbound', '+14155550101', '+14155550001', 'a longer one', 2, 0.0158, 'USD', 'sent', 'simulated'),
            ($1, 'outbound', '+14155550102', '+14155550001', 'never sent', 1, 0, 'USD', 'cancelled', 'simulated'),
            ($1, 'inbound', '+14155550001', '+14155550100', 'hello back', 1, 0, 'USD', 'received', 'simulated')`,
    [account.tenantId],
  );
  await pool.query(
    `insert into phone_numbers (tenant_id, user_id, number, area_code) values ($1, $2, '2015550100', '201'), ($1, $2, '2015550101', '201'), ($1, $2, '2015550102', '201')`,
    [account.tenantId, account.userId],
  );
  await pool.query(`insert into contacts (tenant_id, first_name, phone_e164) values ($1, 'Ann', '+14155550100'), ($1, 'Bo', '+14155550101')`, [account.tenantId]);
}

describe('seed 004 billing', () => {
  it('when plans are listed, then each has its price, limits and features in the success envelope', async () => {
    const owner = await createAccount(app);
    const res = await get(owner, 'plans/');
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data.map((p: { plan_type: string }) => p.plan_type)).toEqual(['free', 'pro', 'enterprise']);
    expect(res.body.data[1]).toMatchObject({ id: 'plan_pro', price: 999, amount: 99900, currency: 'INR', billing_cycle: 'monthly', trial_days: 14, limits: { messages_per_period: 10000 } });
    expect(res.body.data[2].limits.contacts).toBeNull();
  });

  it('when a tenant never subscribed, then its subscription is the free plan by default', async () => {
    const owner = await createAccount(app);
    const res = await get(owner, 'subscription/');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: null, plan_id: 'plan_free', status: 'active', is_default: true, next_billing_date: null, plan: { plan_type: 'free' } });
  });

  it('when the tenant has sent messages and generated numbers, then usage counts this month and what it holds', async () => {
    const owner = await createAccount(app);
    await seedUsage(owner);
    const res = await get(owner, 'usage/');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      messages_sent: 2,
      messages_received: 1,
      segments: 3,
      cost: 0.0237,
      currency: 'USD',
      numbers_generated: 3,
      contacts: 2,
      channels: 0,
      limits: { messages_per_period: 100, contacts: 500 },
    });
    const start = new Date(res.body.data.period_start);
    expect(start.getUTCDate()).toBe(1);
    expect(new Date(res.body.data.period_end) > start).toBe(true);
  });

  it("when another tenant asks, then none of this tenant's usage shows", async () => {
    const owner = await createAccount(app);
    await seedUsage(owner);
    const stranger = await createAccount(app);
    const res = await get(stranger, 'usage/');
    expect(res.body.data).toMatchObject({ messages_sent: 0, numbers_generated: 0, contacts: 0 });
  });

  it('when the overview is read, then usage is measured against the plan limits', async () => {
    const owner = await createAccount(app);
    await seedUsage(owner);
    const res = await get(owner, 'overview/');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      plan: { plan_type: 'free' },
      subscription: { is_default: true },
      usage: { messages_sent: 2 },
      limits: { messages_per_period: 100, channels: 1 },
      usage_percentages: { messages: 2, contacts: 0.4, channels: 0 },
      over_limit: false,
      next_billing_date: null,
    });
  });

  it('when a paid subscription is active, then subscription and overview show its period and next billing date', async () => {
    const owner = await createAccount(app);
    const id = (await app.http.post('/api/payments/subscribe/', { plan_type: 'enterprise' }, { token: owner.token })).body.subscription_id;
    await postPaymentWebhook(app, subscriptionEvent('subscription.activated', id, newPaymentId(), PRICES.enterprise));
    const sub = await eventually(() => get(owner, 'subscription/'), (r) => r.body.data.cycle === 1);
    expect(sub.body.data).toMatchObject({ id, plan_id: 'plan_enterprise', status: 'active', is_default: false, next_billing_date: sub.body.data.current_period_end });
    expect(sub.body.data.next_billing_date).toEqual(expect.any(String));
    const overview = await get(owner, 'overview/');
    expect(overview.body.data).toMatchObject({ plan: { plan_type: 'enterprise' }, next_billing_date: sub.body.data.current_period_end, usage: { period_start: sub.body.data.current_period_start } });
  });

  it('when the caller is not signed in, then 401 in the success:false envelope', async () => {
    const res = await app.http.get('/api/billing/overview/');
    expect(res.status).toBe(401);
    expect(res.body.success).toBe(false);
  });
});
