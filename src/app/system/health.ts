import type pg from 'pg';
import type { TemporalHandle } from '../../temporal/client.js';

type ServiceHealth = { status: 'healthy' | 'unhealthy'; response_time: number; [k: string]: unknown };

async function timed<T>(probe: () => Promise<T>): Promise<{ ok: true; value: T; seconds: number } | { ok: false; error: string; seconds: number }> {
  const start = performance.now();
  try {
    const value = await Promise.race([probe(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out after 3s')), 3000))]);
    return { ok: true, value, seconds: round((performance.now() - start) / 1000) };
  } catch (err) {
    return { ok: false, error: (err as Error).message, seconds: round((performance.now() - start) / 1000) };
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Probes PostgreSQL and Temporal for real; any unhealthy service makes the whole answer unhealthy. */
export async function checkHealth(deps: { db: { pool: pg.Pool }; temporal: TemporalHandle }) {
  const [db, temporal] = await Promise.all([
    timed(async () => {
      const { rows } = await deps.db.pool.query<{ connections: number }>(`select count(*)::int as connections from pg_stat_activity where datname = current_database()`);
      return rows[0].connections;
    }),
    timed(async () => {
      const ns = await deps.temporal.connection.workflowService.describeNamespace({ namespace: deps.temporal.namespace });
      return ns.namespaceInfo?.name ?? deps.temporal.namespace;
    }),
  ]);
  const services: Record<string, ServiceHealth> = {
    database: db.ok
      ? { status: 'healthy', response_time: db.seconds, connections: db.value }
      : { status: 'unhealthy', response_time: db.seconds, error: db.error },
    temporal: temporal.ok
      ? { status: 'healthy', response_time: temporal.seconds, namespace: temporal.value }
      : { status: 'unhealthy', response_time: temporal.seconds, error: temporal.error },
  };
  const healthy = Object.values(services).every((s) => s.status === 'healthy');
  return { status: healthy ? ('healthy' as const) : ('unhealthy' as const), timestamp: new Date().toISOString(), services };
}
