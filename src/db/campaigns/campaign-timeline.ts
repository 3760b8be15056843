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

/**
 * A campaign's sent, delivered and failed recipients over time, as cumulative counts at the ends of
 * up to 60 equal buckets between the first and the last event, over every run of the campaign. A
 * failed recipient has no time of its own: it counts at its send, else at its claim. One pass over
 * the campaign's ledger by its runs' index; empty until something was sent.
 */
export async function campaignTimeline(db: Queryable, tenantId: number, campaignId: number): Promise<TimelinePoint[]> {
  const { rows } = await db.query<{ bucket: number; t0: Date; width: number; sent: number; delivered: number; failed: number }>(
    `with events as (
       select r.sent_at, r.delivered_at,
              case when r.status in ('failed', 'undelivered') then coalesce(r.sent_at, r.claimed_at) end as failed_at
         from campaign_recipients r
        where r.tenant_id = $1
          and r.run_id in (select id from campaign_runs where campaign_id = $2 and tenant_id = $1)
          and (r.sent_at is not null or r.status in ('failed', 'undelivered'))),
     span as (
       select least(min(sent_at), min(failed_at)) as t0,
              greatest(max(sent_at), max(delivered_at), max(failed_at)) as t1
         from events),
     sized as (
       select t0, greatest(extract(epoch from t1 - t0) / ${BUCKETS}, 0.001) as width from span where t0 is not null),
     stamped as (
       select least(floor(extract(epoch from e.x - s.t0) / s.width)::int, ${BUCKETS - 1}) as bucket, e.kind
         from events, sized s,
              lateral (values (sent_at, 'sent'), (delivered_at, 'delivered'), (failed_at, 'failed')) as e(x, kind)
        where e.x is not null)
     select b.bucket, s.t0, s.width::float8 as width,
            count(*) filter (where kind = 'sent')::int as sent,
            count(*) filter (where kind = 'delivered')::int as delivered,
            count(*) filter (where kind = 'failed')::int as failed
       from stamped b, sized s
      group by b.bucket, s.t0, s.width
      order by b.bucket`,
    [tenantId, campaignId],
  );
  if (!rows.length) return [];
  const { t0, width } = rows[0];
  const points: TimelinePoint[] = [];
  const total = { sent: 0, delivered: 0, failed: 0 };
  let next = 0;
  for (let bucket = 0; bucket <= rows[rows.length - 1].bucket; bucket++) {
    const row = rows[next]?.bucket === bucket ? rows[next++] : null;
    if (row) {
      total.sent += row.sent;
      total.delivered += row.delivered;
      total.failed += row.failed;
    }
    points.push({ at: new Date(t0.getTime() + (bucket + 1) * width * 1000).toISOString(), ...total });
  }
  return [{ at: t0.toISOString(), sent: 0, delivered: 0, failed: 0 }, ...points];
}
