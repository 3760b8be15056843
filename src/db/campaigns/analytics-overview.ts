import type pg from 'pg';
import { CAMPAIGN_STATUSES } from '../../domain/campaigns/campaign-status.js';
import { deliveryRate, progressPercentage, readRate } from '../../domain/campaigns/campaign-figures.js';

const money = (n: number) => Math.round(Number(n) * 10_000) / 10_000;

/**
 * The dashboard figures of seed 004's `analytics/overview/`, one round of SQL aggregates: contacts,
 * campaigns by status, and messages — campaign sends from the campaign counters (kept exact by the
 * ledger) plus messages sent one by one (the `messages` table, outside any campaign).
 */
export async function analyticsOverview(pool: Pick<pg.Pool, 'query'>, tenantId: number) {
  const [contacts, campaigns, byStatus, direct, recent] = await Promise.all([
    pool.query<{ total: number; active: number; opted_in: number }>(
      `select count(*)::int as total, count(*) filter (where is_active)::int as active,
              count(*) filter (where is_active and is_opted_in)::int as opted_in
         from contacts where tenant_id = $1 and deleted_at is null`,
      [tenantId],
    ),
    pool.query<{ total: number; active: number; sent: number; delivered: number; read: number; failed: number; unknown: number; cost: number; recipients: number }>(
      `select count(*)::int as total, count(*) filter (where status in ('scheduled', 'running', 'paused'))::int as active,
              coalesce(sum(sent_count), 0)::int as sent, coalesce(sum(delivered_count), 0)::int as delivered,
              coalesce(sum(read_count), 0)::int as read, coalesce(sum(failed_count), 0)::int as failed,
              coalesce(sum(unknown_count), 0)::int as unknown, coalesce(sum(actual_cost), 0)::float8 as cost,
              coalesce(sum(total_recipients), 0)::int as recipients
         from campaigns where tenant_id = $1 and deleted_at is null`,
      [tenantId],
    ),
    pool.query<{ status: string; n: number }>(`select status, count(*)::int as n from campaigns where tenant_id = $1 and deleted_at is null group by status`, [tenantId]),
    pool.query<{ sent: number; delivered: number; read: number; failed: number; received: number; cost: number }>(
      `select count(*) filter (where direction = 'outbound' and status in ('sent', 'delivered', 'read', 'undelivered'))::int as sent,
              count(*) filter (where direction = 'outbound' and status in ('delivered', 'read'))::int as delivered,
              count(*) filter (where direction = 'outbound' and status = 'read')::int as read,
              count(*) filter (where direction = 'outbound' and status in ('failed', 'undelivered'))::int as failed,
              count(*) filter (where direction = 'inbound')::int as received,
              coalesce(sum(cost) filter (where direction = 'outbound'), 0)::float8 as cost
         from messages where tenant_id = $1 and campaign_id is null`,
      [tenantId],
    ),
    pool.query<{ id: number; name: string; status: string; total_recipients: number; processed_count: number; sent_count: number; delivered_count: number; read_count: number; created_at: Date }>(
      `select id, name, status, total_recipients, processed_count, sent_count, delivered_count, read_count, created_at
         from campaigns where tenant_id = $1 and deleted_at is null order by created_at desc, id desc limit 5`,
      [tenantId],
    ),
  ]);
  const c = campaigns.rows[0];
  const d = direct.rows[0];
  const all = { sent: c.sent + d.sent, delivered: c.delivered + d.delivered, read: c.read + d.read, failed: c.failed + d.failed };
  return {
    total_contacts: contacts.rows[0].total,
    active_contacts: contacts.rows[0].active,
    opted_in_contacts: contacts.rows[0].opted_in,
    total_campaigns: c.total,
    active_campaigns: c.active,
    campaigns_by_status: Object.fromEntries(CAMPAIGN_STATUSES.map((s) => [s, byStatus.rows.find((r) => r.status === s)?.n ?? 0])),
    /** Messages the provider accepted from us plus messages received. */
    total_messages: all.sent + d.received,
    messages_sent: all.sent,
    messages_delivered: all.delivered,
    messages_read: all.read,
    messages_failed: all.failed,
    messages_received: d.received,
    delivery_rate: deliveryRate(all),
    read_rate: readRate(all),
    total_cost: money(c.cost + d.cost),
    campaign_messages: { recipients: c.recipients, sent: c.sent, delivered: c.delivered, read: c.read, failed: c.failed, unknown: c.unknown, cost: money(c.cost) },
    direct_messages: { sent: d.sent, delivered: d.delivered, read: d.read, failed: d.failed, received: d.received, cost: money(d.cost) },
    recent_campaigns: recent.rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      sent_count: r.sent_count,
      delivered_count: r.delivered_count,
      progress_percentage: progressPercentage({ total: r.total_recipients, processed: r.processed_count }, r.status === 'completed'),
      delivery_rate: deliveryRate({ sent: r.sent_count, delivered: r.delivered_count }),
      read_rate: readRate({ delivered: r.delivered_count, read: r.read_count }),
      created_at: r.created_at.toISOString(),
    })),
  };
}
