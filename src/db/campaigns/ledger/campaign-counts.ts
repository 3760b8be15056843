import type { CampaignCounts } from '../../../domain/campaigns/campaign-figures.js';
import type { Queryable } from '../../queryable.js';

const NONE: CampaignCounts = { total: 0, processed: 0, sent: 0, delivered: 0, read: 0, failed: 0, unknown: 0, skipped: 0, cancelled: 0 };

/** The campaign's counters as the ledger writers keep them (see counter-sql.ts). */
export async function readCampaignCounts(db: Queryable, campaignId: number): Promise<CampaignCounts> {
  const { rows } = await db.query<CampaignCounts>(
    `select total_recipients as total, processed_count as processed, sent_count as sent, delivered_count as delivered,
            read_count as read, failed_count as failed, unknown_count as unknown, skipped_count as skipped, cancelled_count as cancelled
       from campaigns where id = $1`,
    [campaignId],
  );
  return rows[0] ?? NONE;
}

/** How far one run has got: rows settled since it began, out of its ledger. */
export async function readRunProgress(db: Queryable, campaignId: number, runId: number): Promise<{ processed: number; total: number } | null> {
  const { rows } = await db.query<{ processed: number; total: number }>(
    `select greatest(0, c.processed_count - r.processed_base)::int as processed, r.total from campaigns c join campaign_runs r on r.campaign_id = c.id
      where c.id = $1 and r.id = $2`,
    [campaignId, runId],
  );
  return rows[0] ?? null;
}
