import { randomBytes } from 'node:crypto';
import { LIVE_STATUSES, isFinalSubscriptionStatus, statusesBefore, type SubscriptionStatus } from '../../domain/billing/subscription-status.js';
import { tenantWorkflowId } from '../../domain/shared/tenant-workflow-id.js';
import type { Queryable } from '../queryable.js';

export interface SubscriptionRow {
  id: string;
  tenant_id: number;
  user_id: number | null;
  plan_id: string;
  status: SubscriptionStatus;
  workflow_id: string;
  cycle: number;
  trial_ends_at: Date | null;
  current_period_start: Date | null;
  current_period_end: Date | null;
  last_payment_id: string | null;
  cancel_reason: string | null;
  activated_at: Date | null;
  ended_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const ONE_LIVE_PER_TENANT = 'subscriptions_one_live_per_tenant';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Razorpay-style ids: `sub_` and 14 letters or digits. */
export const newSubscriptionId = () => `sub_${[...randomBytes(14)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
/** A subscription's lifecycle workflow is of this kind, keyed by the subscription id. */
export const SUBSCRIPTION_KIND = 'subscription';
const subscriptionWorkflowId = (tenantId: number, id: string) => tenantWorkflowId(SUBSCRIPTION_KIND, tenantId, id);

async function findSubscription(db: Queryable, id: string): Promise<SubscriptionRow | null> {
  if (id.length > 64) return null;
  const { rows } = await db.query<SubscriptionRow>(`select * from subscriptions where id = $1`, [id]);
  return rows[0] ?? null;
}

/** The tenant's live subscription, `for update` inside a transaction when asked. */
export async function findLiveSubscription(db: Queryable, tenantId: number, lock = false): Promise<SubscriptionRow | null> {
  const { rows } = await db.query<SubscriptionRow>(
    `select * from subscriptions where tenant_id = $1 and status = any($2) ${lock ? 'for update' : ''}`,
    [tenantId, LIVE_STATUSES],
  );
  return rows[0] ?? null;
}

export async function insertSubscription(db: Queryable, s: { id: string; tenantId: number; userId: number; planId: string; status: SubscriptionStatus }): Promise<SubscriptionRow> {
  const { rows } = await db.query<SubscriptionRow>(
    `insert into subscriptions (id, tenant_id, user_id, plan_id, status, workflow_id, activated_at)
     values ($1, $2, $3, $4, $5, $6, case when $5 = 'active' then now() end) returning *`,
    [s.id, s.tenantId, s.userId, s.planId, s.status, subscriptionWorkflowId(s.tenantId, s.id)],
  );
  return rows[0];
}

export interface MoveFields {
  trialEndsAt?: string;
  period?: { cycle: number; start: string; end: string };
  reason?: string;
  lastPaymentId?: string;
}

/**
 * Moves a subscription along the transition table (or keeps it in a live state while setting fields);
 * a move the table refuses changes nothing. Answers the status the row has afterwards.
 */
export async function moveSubscription(db: Queryable, id: string, to: SubscriptionStatus, f: MoveFields = {}): Promise<{ status: SubscriptionStatus; moved: boolean }> {
  const from = isFinalSubscriptionStatus(to) ? statusesBefore(to) : [...new Set([...statusesBefore(to), to])];
  const { rows } = await db.query<{ status: SubscriptionStatus }>(
    `update subscriptions set status = $2, updated_at = now(),
        trial_ends_at = coalesce($4::timestamptz, trial_ends_at),
        cycle = coalesce($5::int, cycle),
        current_period_start = coalesce($6::timestamptz, current_period_start),
        current_period_end = coalesce($7::timestamptz, current_period_end),
        cancel_reason = coalesce($8, cancel_reason),
        last_payment_id = coalesce($9, last_payment_id),
        activated_at = case when $2 in ('trialing', 'active') then coalesce(activated_at, now()) else activated_at end,
        ended_at = case when $2 in ('halted', 'cancelled', 'expired') then coalesce(ended_at, now()) else ended_at end
      where id = $1 and status = any($3) returning status`,
    [id, to, from, f.trialEndsAt ?? null, f.period?.cycle ?? null, f.period?.start ?? null, f.period?.end ?? null, f.reason ?? null, f.lastPaymentId ?? null],
  );
  if (rows[0]) return { status: rows[0].status, moved: true };
  const current = await findSubscription(db, id);
  return { status: current?.status ?? 'expired', moved: false };
}
