import { randomBytes } from 'node:crypto';
import { findPlan, findPlanById, planTerms, type PlanRow } from '../../src/db/billing/plan-store.js';
import { tenantWorkflowAttributes } from '../../src/temporal/search-attributes.js';
import { insertSubscription, newSubscriptionId } from '../../src/db/billing/subscription-store.js';
import { createSubscriptionActivities } from '../../src/activities/billing/subscriptions.activities.js';
import type { SubscriptionWorkflowInput } from '../../src/workflows/subscription.workflow.js';
import { recordHistory } from '../replay/record-history.js';
import { createAccount } from '../support/accounts.js';
import type { TestApp } from '../support/harness.js';
import { startAppWithOwnWorker, type AppWithOwnWorker } from '../support/own-worker.js';
import { eventually } from '../support/eventually.js';
import { newPaymentId, postPaymentWebhook, PRICES, subscriptionEvent } from './payment-webhooks.js';

// The lifecycle's own timings (7 days for a first payment, 3 days of grace, 12 periods per run) on a
// worker whose timers run fast: a day passes in 2 seconds.
let lapse: AppWithOwnWorker;
let app: TestApp;
let daily: PlanRow;

beforeAll(async () => {
  lapse = await startAppWithOwnWorker({ workflowFile: 'subscription.workflow.ts', queue: 'bulk', timeLapse: true, activities: (a) => createSubscriptionActivities({ db: a.db }) });
  app = lapse.app;
  // A daily plan at the enterprise price, kept out of the catalogue (inactive) so no other test sees it.
  const id = `plan_test_daily_${randomBytes(4).toString('hex')}`;
  await app.owner.query(
    `insert into billing_plans (id, plan_type, name, amount, currency, period, period_interval, trial_days, is_active)
     values ($1, $1, 'Daily (test)', $2, $3, 'daily', 1, 0, false)`,
    [id, PRICES.enterprise.amount, PRICES.enterprise.currency],
  );
  daily = (await findPlanById(app.owner, id))!;
});
afterAll(() => lapse?.close());

const row = async (id: string) => (await app.owner.query(`select status, cycle from subscriptions where id = $1`, [id])).rows[0] as { status: string; cycle: number };
/** Generous: a busy machine may take seconds to run a timer; nothing here depends on how long. */
const settled = <T>(read: () => Promise<T>, done: (v: T) => boolean) => eventually(read, done, { timeout: 60_000, what: 'the subscription row' });
const charged = (id: string) => postPaymentWebhook(app, subscriptionEvent('subscription.charged', id, newPaymentId(), PRICES.enterprise));

async function startLifecycle(tenantId: number, userId: number, plan: PlanRow) {
  const sub = await insertSubscription(app.owner, { id: newSubscriptionId(), tenantId, userId, planId: plan.id, status: 'pending' });
  const input: SubscriptionWorkflowInput = { subscriptionId: sub.id, tenantId, plan: planTerms(plan) };
  const handle = await app.temporal.client.workflow.start('subscriptionWorkflow', {
    workflowId: sub.workflow_id,
    taskQueue: app.config.temporal.taskQueues.bulk,
    args: [input],
    typedSearchAttributes: tenantWorkflowAttributes(tenantId, 'subscription'),
  });
  return { sub, handle };
}

describe('subscription billing loop', () => {
  it('when renewals are paid for a year, then missed, then paid late, then missed for good, then it renews, continues as new, goes past due and halts', async () => {
    const owner = await createAccount(app);
    const { sub, handle: started } = await startLifecycle(owner.tenantId, owner.userId, daily);

    // Each charge pays one period, on time or (arriving after its period ended) late: either way one more cycle.
    await charged(sub.id);
    expect((await settled(() => row(sub.id), (r) => r.cycle >= 1)).cycle).toBe(1);
    for (let cycle = 1; cycle <= 12; cycle++) {
      await charged(sub.id);
      expect((await settled(() => row(sub.id), (r) => r.cycle >= cycle + 1)).cycle).toBe(cycle + 1);
    }
    // Twelve periods make a run: the thirteenth began in a new one.
    const handle = app.temporal.client.workflow.getHandle(sub.workflow_id);
    expect((await handle.describe()).runId).not.toBe(started.firstExecutionRunId);

    expect(await settled(() => row(sub.id), (r) => r.status === 'past_due')).toEqual({ status: 'past_due', cycle: 13 });
    await charged(sub.id);
    expect((await settled(() => row(sub.id), (r) => r.cycle >= 14)).cycle).toBe(14);

    await expect(handle.result()).resolves.toEqual({ status: 'halted', cycle: 14 });
    expect(await row(sub.id)).toEqual({ status: 'halted', cycle: 14 });
    await recordHistory(app, sub.workflow_id, 'subscription-renewals-halted');
  });

  it('when no first payment arrives within its window, then the subscription expires', async () => {
    const owner = await createAccount(app);
    const pro = (await findPlan(app.owner, { type: 'pro' }))!;
    const { sub, handle } = await startLifecycle(owner.tenantId, owner.userId, pro);
    await expect(handle.result()).resolves.toEqual({ status: 'expired', cycle: 0 });
    expect(await row(sub.id)).toEqual({ status: 'expired', cycle: 0 });
    await recordHistory(app, sub.workflow_id, 'subscription-expired');
  });
});
