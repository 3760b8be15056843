import type pg from 'pg';

/** The live figures of a campaign, plain numbers for workflow state, queries and task events. */
export interface CampaignCounts {
  total: number;
  processed: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  unknown: number;
  skipped: number;
  cancelled: number;
}

export async function readCampaignCounts(db: Pick<pg.Pool, 'query'>, campaignId: number): Promise<CampaignCounts> {
  const { rows } = await db.query<CampaignCounts>(
    `select total_recipients as total, processed_count as processed, sent_count as sent, delivered_count as delivered,
            read_count as read, failed_count as failed, unknown_count as unknown, skipped_count as skipped, cancelled_count as cancelled
       from campaigns where id = $1`,
    [campaignId],
  );
  return rows[0] ?? { total: 0, processed: 0, sent: 0, delivered: 0, read: 0, failed: 0, unknown: 0, skipped: 0, cancelled: 0 };
}
