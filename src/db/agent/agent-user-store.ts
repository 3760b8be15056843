import type pg from 'pg';
import { fieldError } from '../../domain/shared/errors.js';
import type { Tier } from '../../domain/agent/tiers.js';

export interface AgentUserRow {
  id: number;
  tenant_id: number;
  phone_number: string;
  tier: Tier;
  email: string | null;
  full_name: string | null;
  timezone: string;
  preferences: Record<string, unknown>;
  total_requests: number;
  monthly_requests: number;
  month_start: string;
  last_active: Date;
  created_at: Date;
}

export interface NewAgentUser {
  phone_number: string;
  tier: Tier;
  email?: string | null;
  full_name?: string | null;
  timezone: string;
  preferences: Record<string, unknown>;
}

export type AgentUserChanges = Partial<Omit<NewAgentUser, 'phone_number'>>;

/** The monthly counter as it stands now: a row last counted in an earlier month has used nothing yet. */
const MONTHLY = `case when month_start < date_trunc('month', now())::date then 0 else monthly_requests end`;
const COLUMNS = `id, tenant_id, phone_number, tier, email, full_name, timezone, preferences, total_requests, ${MONTHLY} as monthly_requests, month_start, last_active, created_at`;

export async function insertAgentUser(pool: pg.Pool, tenantId: number, u: NewAgentUser): Promise<AgentUserRow> {
  try {
    const { rows } = await pool.query<AgentUserRow>(
      `insert into agent_users (tenant_id, phone_number, tier, email, full_name, timezone, preferences)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
      [tenantId, u.phone_number, u.tier, u.email ?? null, u.full_name ?? null, u.timezone, JSON.stringify(u.preferences)],
    );
    return rows[0];
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw fieldError('phone_number', 'A user with this phone number already exists.');
    }
    throw err;
  }
}

export async function findAgentUser(pool: pg.Pool, tenantId: number, phone: string): Promise<AgentUserRow | null> {
  const { rows } = await pool.query<AgentUserRow>(`select ${COLUMNS} from agent_users where tenant_id = $1 and phone_number = $2`, [tenantId, phone]);
  return rows[0] ?? null;
}

export async function listAgentUsers(pool: pg.Pool, tenantId: number, filter: { tier?: Tier }, page: { limit: number; offset: number }) {
  const params: unknown[] = [tenantId];
  let where = 'tenant_id = $1';
  if (filter.tier) {
    params.push(filter.tier);
    where += ` and tier = $${params.length}`;
  }
  const [data, total] = await Promise.all([
    pool.query<AgentUserRow>(`select ${COLUMNS} from agent_users where ${where} order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`, params),
    pool.query<{ n: number }>(`select count(*)::int as n from agent_users where ${where}`, params),
  ]);
  return { rows: data.rows, count: total.rows[0].n };
}

export async function updateAgentUser(pool: pg.Pool, tenantId: number, phone: string, changes: AgentUserChanges): Promise<AgentUserRow | null> {
  const sets: string[] = [];
  const params: unknown[] = [tenantId, phone];
  for (const [column, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    params.push(column === 'preferences' ? JSON.stringify(value) : value);
    sets.push(`${column} = $${params.length}`);
  }
  if (!sets.length) return findAgentUser(pool, tenantId, phone);
  const { rows } = await pool.query<AgentUserRow>(`update agent_users set ${sets.join(', ')} where tenant_id = $1 and phone_number = $2 returning ${COLUMNS}`, params);
  return rows[0] ?? null;
}

/** Changes the tier and remembers the change, for the upgrade and downgrade figures. */
export async function changeTier(pool: pg.Pool, tenantId: number, phone: string, tier: Tier, reason: string | null): Promise<AgentUserRow | null> {
  const { rows } = await pool.query<AgentUserRow>(
    `with old as (select id, tier from agent_users where tenant_id = $1 and phone_number = $2 for update),
          upd as (update agent_users u set tier = $3 from old where u.id = old.id returning u.*),
          log as (insert into agent_tier_changes (tenant_id, user_phone, from_tier, to_tier, reason)
                  select $1, $2, old.tier, $3, $4 from old where old.tier <> $3)
     select ${COLUMNS} from upd`,
    [tenantId, phone, tier, reason],
  );
  return rows[0] ?? null;
}
