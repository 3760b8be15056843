import type pg from 'pg';

export interface AgentTaskRow {
  id: number;
  tenant_id: number;
  user_phone: string;
  sms_content: string;
  ai_response: string | null;
  category: string;
  processing_time: number | null;
  tokens_used: number;
  complexity_score: number;
  success: boolean;
  error_message: string | null;
  metadata: Record<string, unknown>;
  created_at: Date;
  completed_at: Date | null;
}

export interface TaskFilter {
  user_phone?: string;
  category?: string;
  success?: boolean;
  created_after?: Date;
  created_before?: Date;
}

/** A `where` over agent_tasks for the tenant and filter, with its parameters. */
export function taskWhere(tenantId: number, f: TaskFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [tenantId];
  const where = ['tenant_id = $1'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.user_phone) add('user_phone = ?', f.user_phone);
  if (f.category) add('category = ?', f.category);
  if (f.success !== undefined) add('success = ?', f.success);
  if (f.created_after) add('created_at >= ?', f.created_after);
  if (f.created_before) add('created_at <= ?', f.created_before);
  return { where: where.join(' and '), params };
}

export async function listAgentTasks(pool: pg.Pool, tenantId: number, filter: TaskFilter, page: { limit: number; offset: number }) {
  const { where, params } = taskWhere(tenantId, filter);
  const [data, total] = await Promise.all([
    pool.query<AgentTaskRow>(`select * from agent_tasks where ${where} order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`, params),
    pool.query<{ n: number }>(`select count(*)::int as n from agent_tasks where ${where}`, params),
  ]);
  return { rows: data.rows, count: total.rows[0].n };
}

export async function findAgentTask(pool: pg.Pool, tenantId: number, id: number): Promise<AgentTaskRow | null> {
  const { rows } = await pool.query<AgentTaskRow>(`select * from agent_tasks where tenant_id = $1 and id = $2`, [tenantId, id]);
  return rows[0] ?? null;
}

export async function completeAgentTask(
  pool: pg.Pool,
  taskId: number,
  done: { aiResponse: string; processingTime: number; tokensUsed: number; metadata: Record<string, unknown> },
): Promise<void> {
  await pool.query(
    `update agent_tasks set ai_response = $2, processing_time = $3, tokens_used = $4, success = true, error_message = null,
       metadata = metadata || $5::jsonb, completed_at = now() where id = $1`,
    [taskId, done.aiResponse, done.processingTime, done.tokensUsed, JSON.stringify(done.metadata)],
  );
}

export async function failAgentTask(pool: pg.Pool, taskId: number, message: string): Promise<void> {
  await pool.query(`update agent_tasks set success = false, error_message = $2, completed_at = coalesce(completed_at, now()) where id = $1`, [taskId, message]);
}

export interface UserTaskStats {
  success_rate: number;
  avg_response_time: number;
  favorite_categories: string[];
}

/** The `stats` of a user's detail: success rate (%), mean seconds per answer, most asked categories. */
export async function userTaskStats(pool: pg.Pool, tenantId: number, phone: string): Promise<UserTaskStats> {
  const [totals, categories] = await Promise.all([
    pool.query<{ n: number; ok: number; avg: number | null }>(
      `select count(*)::int as n, count(*) filter (where success)::int as ok, avg(processing_time) filter (where success) as avg
       from agent_tasks where tenant_id = $1 and user_phone = $2 and completed_at is not null`,
      [tenantId, phone],
    ),
    pool.query<{ category: string }>(
      `select category from agent_tasks where tenant_id = $1 and user_phone = $2 group by category order by count(*) desc, category limit 3`,
      [tenantId, phone],
    ),
  ]);
  const t = totals.rows[0];
  return {
    success_rate: t.n ? round(percent(t.ok, t.n), 1) : 0,
    avg_response_time: round(t.avg ?? 0, 2),
    favorite_categories: categories.rows.map((r) => r.category),
  };
}

export const percent = (part: number, whole: number) => (whole ? (part / whole) * 100 : 0);
export const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
