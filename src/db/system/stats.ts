import os from 'node:os';
import { statfs } from 'node:fs/promises';
import type pg from 'pg';

const pct = (n: number) => Math.round(n * 1000) / 10;

const WITHHELD_SYSTEM = { cpu_usage: null, memory_usage: null, disk_usage: null, uptime: null };
const WITHHELD_DATABASE = { total_size: null, connections: null, slow_queries: null, cache_hit_ratio: null };

/**
 * Seed 002's system statistics; queue figures are the caller's tenant's agent tasks and background jobs. Host and database figures
 * describe the whole platform and are for staff only: everyone else gets the document's keys with null
 * values, so a client written against seed 002 still finds every field.
 */
export async function systemStats(pool: pg.Pool, tenantId: number, host: { uptime: number; loadAverage: number }, opts: { staff: boolean }) {
  // Seed 002's tasks are the agent's (an SMS answered); the tenant's background jobs count beside them.
  const queues = await pool.query(
    `select sum(pending)::int as pending_tasks, sum(failed)::int as failed_tasks, sum(completed_today)::int as completed_today
       from (select count(*) filter (where completed_at is null) as pending,
                    count(*) filter (where completed_at is not null and not success) as failed,
                    count(*) filter (where success and completed_at >= date_trunc('day', now())) as completed_today
               from agent_tasks where tenant_id = $1
             union all
             select count(*) filter (where status in ('pending', 'in_progress')),
                    count(*) filter (where status = 'failed'),
                    count(*) filter (where status = 'completed' and completed_at >= date_trunc('day', now()))
               from tasks where tenant_id = $1) as q`,
    [tenantId],
  );
  if (!opts.staff) return { system: WITHHELD_SYSTEM, database: WITHHELD_DATABASE, queues: queues.rows[0] };
  const [db, disk] = await Promise.all([
    pool.query(`
      select pg_size_pretty(pg_database_size(current_database())) as total_size,
             (select count(*)::int from pg_stat_activity where datname = current_database()) as connections,
             (select count(*)::int from pg_stat_activity where datname = current_database() and state = 'active'
                 and now() - query_start > interval '1 second') as slow_queries,
             (select coalesce(round(100.0 * sum(blks_hit) / nullif(sum(blks_hit) + sum(blks_read), 0), 1), 100)::float
                from pg_stat_database where datname = current_database()) as cache_hit_ratio`),
    statfs(process.cwd()).catch(() => null),
  ]);
  const cpus = os.cpus().length || 1;
  return {
    system: {
      cpu_usage: pct(Math.min(1, host.loadAverage / cpus)),
      memory_usage: pct(1 - os.freemem() / os.totalmem()),
      disk_usage: disk ? pct(1 - disk.bavail / disk.blocks) : null,
      uptime: host.uptime,
    },
    database: db.rows[0],
    queues: queues.rows[0],
  };
}
