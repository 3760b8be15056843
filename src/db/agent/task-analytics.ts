import type pg from 'pg';
import { percent, round, taskWhere, type TaskFilter } from './agent-task-store.js';

interface Figures {
  n: number;
  ok: number;
  avg_time: number | null;
  avg_tokens: number | null;
}

const FIGURES = `count(*)::int as n, count(*) filter (where success)::int as ok,
  avg(processing_time) filter (where processing_time is not null) as avg_time, avg(tokens_used) filter (where completed_at is not null) as avg_tokens`;

/** Seed 002's task analytics: totals, per category, and per day (UTC) over the filtered tasks. */
export async function taskAnalytics(pool: pg.Pool, tenantId: number, filter: TaskFilter) {
  const { where, params } = taskWhere(tenantId, filter);
  const [totals, categories, days] = await Promise.all([
    pool.query<Figures>(`select ${FIGURES} from agent_tasks where ${where}`, params),
    pool.query<Figures & { category: string }>(`select category, ${FIGURES} from agent_tasks where ${where} group by category order by count(*) desc, category`, params),
    pool.query<Figures & { date: string }>(
      `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as date, ${FIGURES} from agent_tasks where ${where} group by 1 order by 1 desc limit 90`,
      params,
    ),
  ]);
  const t = totals.rows[0];
  return {
    total_tasks: t.n,
    successful_tasks: t.ok,
    success_rate: round(percent(t.ok, t.n), 2),
    avg_processing_time: round(t.avg_time ?? 0, 2),
    avg_tokens_used: Math.round(t.avg_tokens ?? 0),
    category_breakdown: Object.fromEntries(
      categories.rows.map((c) => [c.category, { count: c.n, success_rate: round(percent(c.ok, c.n), 1), avg_processing_time: round(c.avg_time ?? 0, 2) }]),
    ),
    daily_stats: days.rows.map((d) => ({ date: d.date, total_tasks: d.n, successful_tasks: d.ok, avg_processing_time: round(d.avg_time ?? 0, 2) })),
  };
}
