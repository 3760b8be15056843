import type pg from 'pg';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TemporalHandle } from '../../temporal/client.js';
import { startTenantWorkflow } from '../../temporal/start-tenant-workflow.js';
import type { SubscriptionWorkflowInput } from '../../workflows/subscription.workflow.js';
import { changePlanSignal } from '../../workflows/subscription/subscription-messages.js';
import { inTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Principal } from '../../domain/identity/principal.js';
import { fieldError } from '../../domain/shared/errors.js';
import { findPlan, planTerms, type PlanRow } from '../../db/billing/plan-store.js';
import { findLiveSubscription, insertSubscription, newSubscriptionId, ONE_LIVE_PER_TENANT, SUBSCRIPTION_KIND, type SubscriptionRow } from '../../db/billing/subscription-store.js';

export interface Subscribed {
  subscription: SubscriptionRow;
  plan: PlanRow;
  outcome: 'created' | 'unchanged' | 'plan_changed';
}

/**
 * Seed 001's subscribe: a tenant has one live subscription. The first subscribe creates it (pending
 * until the payment webhook confirms it; a free plan is active at once) and starts its lifecycle
 * workflow `subscription-t<tenant>-<id>` on the bulk queue; subscribing again to the same plan answers
 * the same subscription, and to another plan changes the plan (the workflow hears it as a signal).
 */
export class SubscriptionService {
  constructor(private readonly pool: pg.Pool, private readonly temporal: TemporalHandle, private readonly taskQueue: string) {}

  async subscribe(principal: Principal, want: { planId?: string; planType?: string }): Promise<Subscribed> {
    const plan = await findPlan(this.pool, { id: want.planId, type: want.planType });
    if (!plan) throw fieldError(want.planId ? 'plan_id' : 'plan_type', want.planId && want.planType ? 'plan_id and plan_type do not name the same plan.' : 'Unknown plan.');
    let result: Subscribed;
    try {
      result = await inTransaction(this.pool, (c) => this.subscribeIn(c, principal, plan));
    } catch (err) {
      // Another subscribe of this tenant won the race: answer as a repeat of it.
      if (!(isUniqueViolation(err) && err.constraint === ONE_LIVE_PER_TENANT)) throw err;
      result = await inTransaction(this.pool, (c) => this.subscribeIn(c, principal, plan));
    }
    if (result.outcome === 'created') await this.startLifecycle(result.subscription, plan);
    return result;
  }

  private async subscribeIn(c: pg.PoolClient, principal: Principal, plan: PlanRow): Promise<Subscribed> {
    const live = await findLiveSubscription(c, principal.tenantId, true);
    if (live?.plan_id === plan.id) return { subscription: live, plan, outcome: 'unchanged' };
    if (live) {
      const { rows } = await c.query<SubscriptionRow>(`update subscriptions set plan_id = $2, updated_at = now() where id = $1 returning *`, [live.id, plan.id]);
      // Signalled before commit: if the signal fails nothing changed; a commit that fails after it leaves the workflow ahead, which the next subscribe repairs.
      await this.temporal.client.workflow
        .getHandle(live.workflow_id)
        .signal(changePlanSignal, planTerms(plan))
        .catch((err) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        });
      return { subscription: rows[0], plan, outcome: 'plan_changed' };
    }
    const status = Number(plan.amount) === 0 ? 'active' : 'pending';
    const subscription = await insertSubscription(c, { id: newSubscriptionId(), tenantId: principal.tenantId, userId: principal.userId, planId: plan.id, status });
    return { subscription, plan, outcome: 'created' };
  }

  private async startLifecycle(subscription: SubscriptionRow, plan: PlanRow) {
    const input: SubscriptionWorkflowInput = { subscriptionId: subscription.id, tenantId: subscription.tenant_id, plan: planTerms(plan) };
    try {
      await startTenantWorkflow(this.temporal.client, 'subscriptionWorkflow', {
        kind: SUBSCRIPTION_KIND,
        tenantId: subscription.tenant_id,
        id: subscription.id,
        taskQueue: this.taskQueue,
        args: [input],
      });
    } catch (err) {
      // Nobody has seen the id yet: without its workflow the subscription must not exist either.
      await this.pool.query(`delete from subscriptions where id = $1`, [subscription.id]);
      throw err;
    }
  }
}
