import os from 'node:os';
import type pg from 'pg';
import { percent, round } from './agent-task-store.js';

/** Seed 002's performance figures: answer-time percentiles, error rates, and this process's resources. */
export async function performanceAnalytics(pool: pg.Pool, tenantId: number) {
  const [times, errors, common, tasks] = await Promise.all([
    pool.query<{ avg: number | null; p50: number | null; p95: number | null; p99: number | null }>(
      `select avg(processing_time) as avg,
              percentile_cont(0.5) within group (order by processing_time) as p50,
              percentile_cont(0.95) within group (order by processing_time) as p95,
              percentile_cont(0.99) within group (order by processing_time) as p99
       from agent_tasks where tenant_id = $1 and processing_time is not null`,
      [tenantId],
    ),
    pool.query<{ n: number }>(`select count(*)::int as n from error_logs where tenant_id = $1`, [tenantId]),
    pool.query<{ type: string; count: number }>(
      `select error_type as type, count(*)::int as count from error_logs where tenant_id = $1 group by error_type order by count(*) desc, error_type limit 5`,
      [tenantId],
    ),
    pool.query<{ n: number }>(`select count(*)::int as n from agent_tasks where tenant_id = $1`, [tenantId]),
  ]);
  const t = times.rows[0];
  const memory = process.memoryUsage().rss / os.totalmem();
  return {
    response_times: { avg: round(t.avg ?? 0, 2), p50: round(t.p50 ?? 0, 2), p95: round(t.p95 ?? 0, 2), p99: round(t.p99 ?? 0, 2) },
    error_rates: { total_errors: errors.rows[0].n, error_rate: round(percent(errors.rows[0].n, tasks.rows[0].n), 1), common_errors: common.rows },
    resource_usage: {
      cpu_avg: round(Math.min(100, (os.loadavg()[0] / os.cpus().length) * 100), 1),
      memory_avg: round(memory * 100, 1),
      database_connections: pool.totalCount,
    },
  };
}
