import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import { categorise, complexityOf, languageOf, type Category } from '../../domain/agent/categories.js';
import { overLimitReply, withinMonthlyLimit, type Tier } from '../../domain/agent/tiers.js';

export interface AgentRequest {
  tenantId: number;
  userPhone: string;
  smsContent: string;
  /** Unique per request within the tenant (the workflow id): a retried start records nothing twice. */
  requestKey: string;
  category?: Category;
  source: 'sms' | 'api';
}

export type Admission =
  | { admitted: true; taskId: number; category: Category; tier: Tier }
  | { admitted: false; reason: 'unknown_user' | 'over_limit'; reply?: string };

/**
 * Admits one request: the user's row is locked so two messages at once cannot both take the last
 * request of the month; within the tier's allowance the counters move and the task row is written in
 * the same transaction. A request seen before answers with its task again.
 */
export async function admitRequest(pool: pg.Pool, r: AgentRequest): Promise<Admission> {
  return inTransaction(pool, async (sql) => {
    const user = await sql.query<{ id: number; tier: Tier; used: number }>(
      `select id, tier, case when month_start < date_trunc('month', now())::date then 0 else monthly_requests end as used
       from agent_users where tenant_id = $1 and phone_number = $2 for update`,
      [r.tenantId, r.userPhone],
    );
    const u = user.rows[0];
    if (!u) return { admitted: false, reason: 'unknown_user' };
    const seen = await sql.query<{ id: number; category: Category }>(`select id, category from agent_tasks where tenant_id = $1 and request_key = $2`, [r.tenantId, r.requestKey]);
    if (seen.rows[0]) return { admitted: true, taskId: seen.rows[0].id, category: seen.rows[0].category, tier: u.tier };
    if (!withinMonthlyLimit(u.tier, u.used)) return { admitted: false, reason: 'over_limit', reply: overLimitReply(u.tier) };
    const category = r.category ?? categorise(r.smsContent);
    const metadata = { language: languageOf(r.smsContent), source: r.source, tier: u.tier };
    const task = await sql.query<{ id: number }>(
      `insert into agent_tasks (tenant_id, request_key, user_phone, sms_content, category, complexity_score, metadata)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [r.tenantId, r.requestKey, r.userPhone, r.smsContent, category, complexityOf(r.smsContent), JSON.stringify(metadata)],
    );
    await sql.query(
      `update agent_users set total_requests = total_requests + 1, last_active = now(),
         monthly_requests = case when month_start < date_trunc('month', now())::date then 1 else monthly_requests + 1 end,
         month_start = date_trunc('month', now())::date
       where id = $1`,
      [u.id],
    );
    return { admitted: true, taskId: task.rows[0].id, category, tier: u.tier };
  });
}
