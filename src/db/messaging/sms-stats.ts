import type pg from 'pg';

/** The tenant's SMS figures over the last `days` days, counted in one pass over its messages. */
export async function smsStats(pool: pg.Pool, tenantId: number, days: number) {
  const { rows } = await pool.query<Record<string, number | string | null>>(
    `select
       count(*) filter (where direction = 'outbound')::int as total_sent,
       count(*) filter (where direction = 'outbound' and status in ('delivered', 'read'))::int as total_delivered,
       count(*) filter (where direction = 'outbound' and status in ('failed', 'undelivered', 'cancelled'))::int as total_failed,
       count(*) filter (where direction = 'outbound' and status in ('queued', 'sending', 'sent'))::int as total_pending,
       count(*) filter (where direction = 'inbound')::int as total_received,
       coalesce(sum(segments) filter (where direction = 'outbound'), 0)::int as total_segments,
       coalesce(sum(cost), 0)::float8 as total_cost,
       max(currency) as currency
     from messages where tenant_id = $1 and created_at >= now() - make_interval(days => $2)`,
    [tenantId, days],
  );
  const byStatus = await pool.query<{ status: string; n: number }>(
    `select status, count(*)::int as n from messages where tenant_id = $1 and created_at >= now() - make_interval(days => $2) group by status`,
    [tenantId, days],
  );
  const s = rows[0];
  const sent = Number(s.total_sent);
  const delivered = Number(s.total_delivered);
  const failed = Number(s.total_failed);
  const rate = (part: number) => (sent ? Math.round((part / sent) * 10_000) / 100 : 0);
  return {
    period_days: days,
    total_sent: sent,
    total_delivered: delivered,
    total_failed: failed,
    total_pending: Number(s.total_pending),
    total_received: Number(s.total_received),
    total_segments: Number(s.total_segments),
    delivery_rate: rate(delivered),
    failure_rate: rate(failed),
    total_cost: Math.round(Number(s.total_cost) * 10_000) / 10_000,
    currency: s.currency ?? 'USD',
    by_status: Object.fromEntries(byStatus.rows.map((r) => [r.status, r.n])),
  };
}
