import { findPlan, planTerms } from '../../src/db/billing/plan-store.js';
import { tenantWorkflowAttributes } from '../../src/temporal/search-attributes.js';
import { insertSubscription, newSubscriptionId } from '../../src/db/billing/subscription-store.js';
import type { SubscriptionWorkflowInput } from '../../src/workflows/subscription.workflow.js';
import { recordHistory } from '../replay/record-history.js';
import { createAccount } from '../support/accounts.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { eventually } from '../support/eventually.js';
import { newPaymentId, postPaymentWebhook, PRICES, subscriptionEvent } from './payment-webhooks.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const row = async (id: string) => (await app.owner.query(`select status, cycle from subscriptions where id = $1`, [id])).rows[0] as { status: string; cycle: number };
/** Generous: a busy shared worker may take seconds to run a timer; nothing here depends on how long. */
const charged = (id: string) => postPaymentWebhook(app, subscriptionEvent('subscription.charged', id, newPaymentId(), PRICES.enterprise));

describe('subscription billing loop', () => {
  it('when renewals are paid, then missed, then paid late, then missed for good, then it renews, continues as new, goes past due and halts', async () => {
    const owner = await createAccount(app);
    const plan = (await findPlan(app.owner, { type: 'enterprise' }))!;
    const sub = await insertSubscription(app.owner, { id: newSubscriptionId(), tenantId: owner.tenantId, userId: owner.userId, planId: plan.id, status: 'pending' });
    // Two-second periods stand in for months; two periods per run make it continue as new.
    const input: SubscriptionWorkflowInput = { subscriptionId: sub.id, tenantId: owner.tenantId, plan: planTerms(plan), timing: { periodMs: 2000, renewalGraceMs: 3000, periodsPerRun: 2 } };
    const started = await app.temporal.client.workflow.start('subscriptionWorkflow', { workflowId: sub.workflow_id, taskQueue: app.config.temporal.taskQueues.bulk, args: [input], typedSearchAttributes: tenantWorkflowAttributes(owner.tenantId, 'subscription') });

    await charged(sub.id);
    expect((await eventually(() => row(sub.id), (r) => r.cycle >= 1)).cycle).toBe(1);
    await charged(sub.id);
    expect((await eventually(() => row(sub.id), (r) => r.cycle >= 2)).cycle).toBe(2);

    expect(await eventually(() => row(sub.id), (r) => r.status === 'past_due')).toEqual({ status: 'past_due', cycle: 2 });
    const handle = app.temporal.client.workflow.getHandle(sub.workflow_id);
    expect((await handle.describe()).runId).not.toBe(started.firstExecutionRunId);

    await charged(sub.id);
    expect((await eventually(() => row(sub.id), (r) => r.cycle >= 3)).cycle).toBe(3);

    await expect(handle.result()).resolves.toEqual({ status: 'halted', cycle: 3 });
    expect(await row(sub.id)).toEqual({ status: 'halted', cycle: 3 });
    await recordHistory(app, sub.workflow_id, 'subscription-renewals-halted');
  });

  it('when no first payment arrives within its window, then the subscription expires', async () => {
    const owner = await createAccount(app);
    const plan = (await findPlan(app.owner, { type: 'pro' }))!;
    const sub = await insertSubscription(app.owner, { id: newSubscriptionId(), tenantId: owner.tenantId, userId: owner.userId, planId: plan.id, status: 'pending' });
    const input: SubscriptionWorkflowInput = { subscriptionId: sub.id, tenantId: owner.tenantId, plan: planTerms(plan), timing: { awaitFirstPaymentMs: 500 } };
    const handle = await app.temporal.client.workflow.start('subscriptionWorkflow', { workflowId: sub.workflow_id, taskQueue: app.config.temporal.taskQueues.bulk, args: [input], typedSearchAttributes: tenantWorkflowAttributes(owner.tenantId, 'subscription') });
    await expect(handle.result()).resolves.toEqual({ status: 'expired', cycle: 0 });
    expect(await row(sub.id)).toEqual({ status: 'expired', cycle: 0 });
    await recordHistory(app, sub.workflow_id, 'subscription-expired');
  });
});
