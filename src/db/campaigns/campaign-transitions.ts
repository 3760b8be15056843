import { CAMPAIGN_STATUSES, canTransition, type CampaignStatus } from '../../domain/campaigns/campaign-status.js';
import type { Queryable } from '../queryable.js';

/** The statuses from which `to` may be entered, straight from the transition table. */
const enteredFrom = (to: CampaignStatus) => CAMPAIGN_STATUSES.filter((from) => canTransition(from, to));

/**
 * Moves a campaign to `to` if the table allows it from the status it is in now, in one guarded UPDATE,
 * so neither a stale API request nor a late activity can move a campaign backwards or out of a final
 * status. `onlyFrom` narrows the table further for a caller that must not override a user's choice
 * (an occurrence of a recurring campaign ending must not undo a pause). Returns the status after.
 */
export async function moveCampaign(
  db: Queryable,
  campaignId: number,
  to: CampaignStatus,
  opts: { reason?: string; onlyFrom?: readonly CampaignStatus[] } = {},
): Promise<{ status: CampaignStatus; moved: boolean }> {
  const from = enteredFrom(to).filter((s) => !opts.onlyFrom || opts.onlyFrom.includes(s));
  const { rows } = await db.query<{ status: CampaignStatus }>(
    `update campaigns set status = $2,
            started_at = case when $2 = 'running' then coalesce(started_at, now()) else started_at end,
            completed_at = case when $2 in ('completed', 'cancelled', 'failed') then now() else completed_at end,
            failure_reason = coalesce($4, failure_reason),
            updated_at = now()
      where id = $1 and status = any($3::text[])
      returning status`,
    [campaignId, to, from, opts.reason ?? null],
  );
  if (rows[0]) return { status: rows[0].status, moved: true };
  const now = await db.query<{ status: CampaignStatus }>(`select status from campaigns where id = $1`, [campaignId]);
  return { status: now.rows[0]?.status ?? 'cancelled', moved: now.rows[0]?.status === to };
}
