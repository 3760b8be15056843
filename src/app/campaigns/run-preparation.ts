import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import { sendSettingsFrom } from '../../domain/campaigns/send-settings.js';
import { segmentCriteriaSchema } from '../../domain/messaging/segment-criteria.js';
import type { TargetSegment } from '../../db/campaigns/audience/targeting.js';
import type { CampaignRow } from '../../domain/campaigns/campaign-row.js';
import { buildLedger } from '../../db/campaigns/ledger/ledger-build.js';
import { lockRun, markMaterialised, openRun, refreshCampaignTotal } from '../../db/campaigns/ledger/campaign-runs.js';
import { insertTask } from '../../db/tasks/task-store.js';
import { CAMPAIGN_KIND } from '../../domain/campaigns/campaign-ids.js';

export interface PreparedRun {
  runId: number;
  taskId: string | null;
  total: number;
}

/**
 * Opens the run a workflow execution works on and, the first time, builds its ledger, its task row
 * (what Socket.IO clients follow) and the campaign's totals in one transaction: a retry after a crash
 * finds everything or nothing.
 */
export async function prepareRun(pool: pg.Pool, campaign: CampaignRow, workflowId: string): Promise<PreparedRun> {
  const run = await openRun(pool, { campaignId: campaign.id, tenantId: campaign.tenant_id, workflowId, messageText: await messageOf(pool, campaign) });
  if (run.materialized_at) return { runId: Number(run.id), taskId: run.task_id, total: run.total };
  const prepared = await inTransaction(pool, async (tx) => {
    const locked = await lockRun(tx, run.id);
    if (locked.materialized_at) return { runId: Number(run.id), taskId: locked.task_id, total: locked.total };
    const tenant = await tx.query<{ settings: Record<string, never> }>(`select settings from tenants where id = $1`, [campaign.tenant_id]);
    const targeting = { contactIds: campaign.target_contact_ids.map(Number), segmentIds: campaign.target_segment_ids.map(Number), criteria: campaign.target_criteria };
    const total = await buildLedger(tx, { runId: Number(run.id), campaignId: campaign.id, tenantId: campaign.tenant_id }, targeting, await liveSegments(tx, campaign), sendSettingsFrom(tenant.rows[0]?.settings).defaultTimeZone);
    const taskId = campaign.created_by ? randomUUID() : null;
    if (taskId) {
      await insertTask(tx, {
        taskId,
        tenantId: campaign.tenant_id,
        userId: campaign.created_by!,
        kind: CAMPAIGN_KIND,
        name: `Campaign: ${campaign.name}`.slice(0, 200),
        totalItems: total,
        workflowId,
        params: { campaign_id: campaign.id, run_id: run.id },
      });
    }
    await markMaterialised(tx, { runId: run.id, campaignId: campaign.id, total, taskId });
    await refreshCampaignTotal(tx, campaign.id);
    await tx.query(`update campaigns set workflow_id = $2 where id = $1`, [campaign.id, workflowId]);
    return { runId: Number(run.id), taskId, total };
  });
  return prepared;
}

/** The text to send: the campaign's own, or its template's when it has none. */
async function messageOf(pool: pg.Pool, campaign: CampaignRow): Promise<string> {
  if (campaign.message_text.trim() || !campaign.template_id) return campaign.message_text;
  const { rows } = await pool.query<{ body_text: string }>(`select body_text from templates where id = $1 and tenant_id = $2`, [campaign.template_id, campaign.tenant_id]);
  return rows[0]?.body_text ?? '';
}

/** Segments deleted since the campaign was saved simply contribute nobody. */
async function liveSegments(db: Pick<pg.Pool, 'query'>, campaign: CampaignRow): Promise<TargetSegment[]> {
  if (!campaign.target_segment_ids.length) return [];
  const { rows } = await db.query<{ id: number; name: string; filter_json: unknown }>(
    `select id, name, filter_json from segments where tenant_id = $1 and id = any($2::bigint[])`,
    [campaign.tenant_id, campaign.target_segment_ids],
  );
  return rows.flatMap((s) => {
    const parsed = segmentCriteriaSchema.safeParse(s.filter_json ?? {});
    return parsed.success ? [{ id: Number(s.id), name: s.name, criteria: parsed.data }] : [];
  });
}
