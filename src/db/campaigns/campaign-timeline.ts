import type { Queryable } from '../queryable.js';

export interface TimelinePoint {
  /** The end of the bucket. */
  at: string;
  /** Cumulative counts up to `at`. */
  sent: number;
  delivered: number;
  failed: number;
}

const BUCKETS = 60;
type Series = 'sent' | 'delivered' | 'failed';

/**
 * A campaign's sent, delivered and failed recipients over time: cumulative counts at the ends of 60
 * equal buckets from its first run's start to `until` (its end, or now while it can still move), over
 * every run. A failed recipient has no time of its own: it counts at its send, else at its claim.
 * One pass over the ledger by its runs' index, grouped by the three bucket numbers at once (a few
 * hundred groups), so no row is read twice; empty until something was sent or failed.
 */
export async function campaignTimeline(db: Queryable, tenantId: number, campaignId: number, until: Date): Promise<TimelinePoint[]> {
  const runs = await db.query<{ ids: string[] | null; started: Date | null }>(
    `select array_agg(id) as ids, min(created_at) as started from campaign_runs where campaign_id = $1 and tenant_id = $2`,
    [campaignId, tenantId],
  );
  const { ids, started } = runs.rows[0];
  if (!ids?.length || !started) return [];
  const from = started.getTime() / 1000;
  const to = Math.max(until.getTime() / 1000, from + 1);
  const { rows } = await db.query<{ sb: number | null; db: number | null; fb: number | null; n: number }>(
    `select width_bucket(extract(epoch from r.sent_at), $3, $4, ${BUCKETS}) as sb,
            width_bucket(extract(epoch from r.delivered_at), $3, $4, ${BUCKETS}) as db,
            width_bucket(extract(epoch from case when r.status in ('failed', 'undelivered') then coalesce(r.sent_at, r.claimed_at) end), $3, $4, ${BUCKETS}) as fb,
            count(*)::int as n
       from campaign_recipients r
      where r.tenant_id = $1 and r.run_id = any($2::bigint[])
        and (r.sent_at is not null or r.status in ('failed', 'undelivered'))
      group by 1, 2, 3`,
    [tenantId, ids, from, to],
  );
  if (!rows.length) return [];
  const perBucket: Record<Series, number[]> = { sent: new Array(BUCKETS).fill(0), delivered: new Array(BUCKETS).fill(0), failed: new Array(BUCKETS).fill(0) };
  const add = (series: Series, bucket: number | null, n: number) => {
    // width_bucket answers 0 below the range and BUCKETS + 1 above it (a late delivery callback).
    if (bucket !== null) perBucket[series][Math.min(Math.max(bucket, 1), BUCKETS) - 1] += n;
  };
  for (const row of rows) {
    add('sent', row.sb, row.n);
    add('delivered', row.db, row.n);
    add('failed', row.fb, row.n);
  }
  const width = (to - from) / BUCKETS;
  const total = { sent: 0, delivered: 0, failed: 0 };
  const points: TimelinePoint[] = [{ at: started.toISOString(), ...total }];
  for (let i = 0; i < BUCKETS; i++) {
    total.sent += perBucket.sent[i];
    total.delivered += perBucket.delivered[i];
    total.failed += perBucket.failed[i];
    points.push({ at: new Date((from + (i + 1) * width) * 1000).toISOString(), ...total });
  }
  return points;
}
