import { counterBumpSql } from './counter-sql.js';
import type { RunControl } from './recipient-claim.js';
import type { Queryable } from '../../queryable.js';

export interface RunRow {
  id: number;
  campaign_id: number;
  tenant_id: number;
  workflow_id: string;
  task_id: string | null;
  control: RunControl;
  message_text: string;
  total: number;
  materialized_at: Date | null;
}

/**
 * The run a workflow execution works on, created on first call: a retried activity or a replayed
 * workflow finds the same row. The message is frozen here, so an edit made while it sends (or to a
 * recurring campaign between occurrences) applies to the next run, never halfway through one.
 */
export async function openRun(db: Queryable, r: { campaignId: number; tenantId: number; workflowId: string; messageText: string }): Promise<RunRow> {
  const { rows } = await db.query<RunRow>(
    `with created as (
       insert into campaign_runs (campaign_id, tenant_id, workflow_id, message_text) values ($1, $2, $3, $4)
       on conflict (campaign_id, workflow_id) do nothing returning *)
     select * from created union all select * from campaign_runs where campaign_id = $1 and workflow_id = $3 limit 1`,
    [r.campaignId, r.tenantId, r.workflowId, r.messageText],
  );
  return rows[0];
}

/** The run, locked until the transaction ends: one preparation at a time builds its ledger. */
export async function lockRun(db: Queryable, runId: number): Promise<RunRow> {
  const { rows } = await db.query<RunRow>(`select * from campaign_runs where id = $1 for update`, [runId]);
  return rows[0];
}

/**
 * Records the built ledger on its run: its size, its task, and the campaign's processed count so far,
 * from which the run's own progress is measured.
 */
export async function markMaterialised(db: Queryable, run: { runId: number; campaignId: number; total: number; taskId: string | null }): Promise<void> {
  await db.query(
    `update campaign_runs set total = $2, task_id = $3, materialized_at = clock_timestamp(),
            processed_base = (select processed_count from campaigns where id = $4)
      where id = $1`,
    [run.runId, run.total, run.taskId, run.campaignId],
  );
}

/** What a batch of the run reads fresh each time: the run's control and frozen text, and its tenant's settings. */
export interface RunSendContext {
  control: RunControl;
  message_text: string;
  settings: Record<string, never>;
  default_region: string;
}

export async function readRunSendContext(db: Queryable, runId: number, tenantId: number): Promise<RunSendContext | null> {
  const { rows } = await db.query<RunSendContext>(
    `select r.control, r.message_text, t.settings, t.default_region
       from campaign_runs r join tenants t on t.id = r.tenant_id
      where r.id = $1 and r.tenant_id = $2`,
    [runId, tenantId],
  );
  return rows[0] ?? null;
}

/** Paused or cancelled runs claim nothing more; see `claimRecipients`. */
export async function setRunControl(db: Queryable, runId: number, control: RunControl): Promise<void> {
  await db.query(`update campaign_runs set control = $2 where id = $1 and control <> 'cancelled'`, [runId, control]);
}

export async function closeRun(db: Queryable, runId: number): Promise<void> {
  await db.query(`update campaign_runs set completed_at = coalesce(completed_at, now()) where id = $1`, [runId]);
}

/** Every row still pending when the campaign is cancelled ends `cancelled`, counters with it. */
export async function cancelPendingRecipients(db: Queryable, runId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `with moved as (
       update campaign_recipients r set status = 'cancelled'
        where r.run_id = $1 and r.status = 'pending'
       returning r.campaign_id, 'pending'::text as before, r.status as after, null::numeric as cost),
     bump as (${counterBumpSql('moved')})
     select count(*)::int as n from moved`,
    [runId],
  );
  return rows[0].n;
}

/** The campaign's total: the sum of its runs' ledgers once any exists (the estimate before). */
export async function refreshCampaignTotal(db: Queryable, campaignId: number): Promise<void> {
  await db.query(
    `update campaigns set total_recipients = (select coalesce(sum(total), 0) from campaign_runs where campaign_id = $1 and materialized_at is not null), updated_at = now()
      where id = $1`,
    [campaignId],
  );
}
