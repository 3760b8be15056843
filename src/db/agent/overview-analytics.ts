import type pg from 'pg';
import { percent, round } from './agent-task-store.js';
import { TIERS } from '../../domain/agent/tiers.js';

/** Seed 002's system overview for one tenant: users, activity windows, tasks, tiers, top categories. */
export async function overviewAnalytics(pool: pg.Pool, tenantId: number) {
  const [users, tiers, tasks, categories] = await Promise.all([
    pool.query<{ total: number; d1: number; d7: number }>(
      `select count(*)::int as total,
              count(*) filter (where total_requests > 0 and last_active > now() - interval '24 hours')::int as d1,
              count(*) filter (where total_requests > 0 and last_active > now() - interval '7 days')::int as d7
       from agent_users where tenant_id = $1`,
      [tenantId],
    ),
    pool.query<{ tier: string; n: number }>(`select tier, count(*)::int as n from agent_users where tenant_id = $1 group by tier`, [tenantId]),
    pool.query<{ total: number; d1: number; ok: number; done: number; avg: number | null }>(
      `select count(*)::int as total, count(*) filter (where created_at > now() - interval '24 hours')::int as d1,
              count(*) filter (where success)::int as ok, count(*) filter (where completed_at is not null)::int as done,
              avg(processing_time) as avg
       from agent_tasks where tenant_id = $1`,
      [tenantId],
    ),
    pool.query<{ category: string; count: number }>(
      `select category, count(*)::int as count from agent_tasks where tenant_id = $1 group by category order by count(*) desc, category limit 5`,
      [tenantId],
    ),
  ]);
  const u = users.rows[0];
  const t = tasks.rows[0];
  const byTier = Object.fromEntries(tiers.rows.map((r) => [r.tier, r.n]));
  return {
    total_users: u.total,
    active_users_24h: u.d1,
    active_users_7d: u.d7,
    total_tasks: t.total,
    tasks_24h: t.d1,
    success_rate: round(percent(t.ok, t.done), 1),
    avg_response_time: round(t.avg ?? 0, 2),
    tier_distribution: Object.fromEntries(TIERS.map((tier) => [tier, byTier[tier] ?? 0])),
    top_categories: categories.rows,
  };
}
