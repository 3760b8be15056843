import type pg from 'pg';
import type { TemporalHandle } from '../../temporal/client.js';
import { timedProbe } from './timed-probe.js';
import type { ProviderHealth, ServiceHealth } from './provider-health.js';

interface CoreDeps {
  db: { pool: pg.Pool };
  temporal: TemporalHandle;
}

/** PostgreSQL and Temporal, probed for real: what the API cannot serve without. */
async function checkCore(deps: CoreDeps): Promise<Record<'database' | 'temporal', ServiceHealth>> {
  const [db, temporal] = await Promise.all([
    timedProbe(async () => {
      const { rows } = await deps.db.pool.query<{ connections: number }>(`select count(*)::int as connections from pg_stat_activity where datname = current_database()`);
      return rows[0].connections;
    }),
    timedProbe(async () => {
      const ns = await deps.temporal.connection.workflowService.describeNamespace({ namespace: deps.temporal.namespace });
      return ns.namespaceInfo?.name ?? deps.temporal.namespace;
    }),
  ]);
  return {
    database: db.ok
      ? { status: 'healthy', response_time: db.seconds, connections: db.value }
      : { status: 'unhealthy', response_time: db.seconds, error: db.error },
    temporal: temporal.ok
      ? { status: 'healthy', response_time: temporal.seconds, namespace: temporal.value }
      : { status: 'unhealthy', response_time: temporal.seconds, error: temporal.error },
  };
}

const allHealthy = (services: Record<string, ServiceHealth>) => Object.values(services).every((s) => s.status === 'healthy');

/** Readiness: may this process take traffic? Only the database and Temporal decide. */
export async function checkReadiness(deps: CoreDeps) {
  const services = await checkCore(deps);
  return { ready: allHealthy(services), services };
}

/**
 * Seed 002's health: the database and Temporal decide healthy or unhealthy; the language model and
 * the SMS provider are reported beside them, and one that fails makes the answer `degraded`, not
 * unhealthy, since the API still serves everything but their sends.
 */
export async function checkHealth(deps: CoreDeps & { providers: ProviderHealth }) {
  const [core, providers] = await Promise.all([checkCore(deps), deps.providers.check()]);
  const status = !allHealthy(core) ? 'unhealthy' : allHealthy(providers) ? 'healthy' : 'degraded';
  return { status: status as 'healthy' | 'degraded' | 'unhealthy', timestamp: new Date().toISOString(), services: { ...core, ...providers } };
}
