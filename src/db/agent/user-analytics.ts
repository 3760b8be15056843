import type pg from 'pg';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { percent, round } from './agent-task-store.js';
import { tierRank, type Tier } from '../../domain/agent/tiers.js';

export interface UserAnalyticsFilter {
  tier?: Tier;
  start_date?: Date;
  end_date?: Date;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Seed 002 names the United Kingdom "UK"; libphonenumber says GB. */
const COUNTRY_LABEL: Record<string, string> = { GB: 'UK' };

/**
 * Seed 002's user analytics over a period (default: the last 30 days). Retention: of the users who
 * existed before the period, the share active in it. Hours and days are UTC.
 */
export async function userAnalytics(pool: pg.Pool, tenantId: number, f: UserAnalyticsFilter, now = new Date()) {
  const end = f.end_date ?? now;
  const start = f.start_date ?? new Date(end.getTime() - 30 * 86_400_000);
  const tierSql = f.tier ? 'and u.tier = $4' : '';
  const params: unknown[] = [tenantId, start, end, ...(f.tier ? [f.tier] : [])];
  const [users, phones, changes, hours, days] = await Promise.all([
    pool.query<{ total: number; new_users: number; active: number; old: number; old_active: number; requests: number }>(
      `select count(*)::int as total,
              count(*) filter (where u.created_at between $2 and $3)::int as new_users,
              count(*) filter (where exists (select 1 from agent_tasks t where t.tenant_id = $1 and t.user_phone = u.phone_number and t.created_at between $2 and $3))::int as active,
              count(*) filter (where u.created_at < $2)::int as old,
              count(*) filter (where u.created_at < $2 and exists (select 1 from agent_tasks t where t.tenant_id = $1 and t.user_phone = u.phone_number and t.created_at between $2 and $3))::int as old_active,
              coalesce(sum(u.total_requests), 0)::int as requests
       from agent_users u where u.tenant_id = $1 ${tierSql}`,
      params,
    ),
    pool.query<{ phone_number: string }>(`select u.phone_number from agent_users u where u.tenant_id = $1 ${tierSql.replace('$4', '$2')}`, f.tier ? [tenantId, f.tier] : [tenantId]),
    pool.query<{ from_tier: Tier; to_tier: Tier }>(`select from_tier, to_tier from agent_tier_changes where tenant_id = $1 and created_at between $2 and $3`, [tenantId, start, end]),
    pool.query<{ hour: number }>(
      `select extract(hour from t.created_at at time zone 'UTC')::int as hour from agent_tasks t
       where t.tenant_id = $1 and t.created_at between $2 and $3 group by 1 order by count(*) desc, 1 limit 5`,
      [tenantId, start, end],
    ),
    pool.query<{ dow: number }>(
      `select extract(dow from t.created_at at time zone 'UTC')::int as dow from agent_tasks t
       where t.tenant_id = $1 and t.created_at between $2 and $3 group by 1 order by count(*) desc, 1 limit 1`,
      [tenantId, start, end],
    ),
  ]);
  const u = users.rows[0];
  return {
    total_users: u.total,
    new_users_period: u.new_users,
    active_users_period: u.active,
    retention_rate: round(percent(u.old_active, u.old), 1),
    tier_upgrades: changes.rows.filter((c) => tierRank(c.to_tier) > tierRank(c.from_tier)).length,
    tier_downgrades: changes.rows.filter((c) => tierRank(c.to_tier) < tierRank(c.from_tier)).length,
    geographic_distribution: countries(phones.rows.map((r) => r.phone_number)),
    usage_patterns: {
      avg_requests_per_user: round(u.total ? u.requests / u.total : 0, 1),
      most_active_hours: hours.rows.map((h) => h.hour),
      peak_day: days.rows[0] ? DAYS[days.rows[0].dow] : null,
    },
  };
}

function countries(phones: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const phone of phones) {
    const country = parsePhoneNumberFromString(phone)?.country;
    const label = country ? (COUNTRY_LABEL[country] ?? country) : 'Other';
    out[label] = (out[label] ?? 0) + 1;
  }
  return out;
}
