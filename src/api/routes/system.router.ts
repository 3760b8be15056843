import os from 'node:os';
import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { principalOf } from '../http/context.js';
import { checkHealth, checkReadiness } from '../../app/system/health.js';
import { createProviderHealth } from '../../app/system/provider-health.js';
import { systemStats } from '../../db/system/stats.js';
import { isPlatformStaff } from '../../db/identity/staff.js';
import { health, liveness, readiness, systemStats as statsSchema } from './system.responses.js';

const startedAt = Date.now();
const uptimeSeconds = () => Math.round((Date.now() - startedAt) / 1000);

/** Seed 002's health check (public) and system statistics; liveness and readiness probes for orchestrators. */
export function createSystemRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const routes = new Routes(docs, 'system', '/api');
  const providers = createProviderHealth(deps.config);
  routes.get('/health/', { summary: 'Health of the database, Temporal, the language model and the SMS provider, measured now (providers at most 30 s ago)', public: true, responses: { 200: health, 503: { description: 'The database or Temporal is unhealthy', schema: health } } }, async (ctx) => {
    const health = await checkHealth({ ...deps, providers });
    ctx.status = health.status === 'unhealthy' ? 503 : 200;
    return { ...health, version: process.env.npm_package_version ?? '0.1.0', uptime: uptimeSeconds() };
  });
  routes.get('/health/live', { summary: 'Liveness: the process answers; nothing else is checked', public: true, response: liveness }, (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    return { status: 'alive', uptime: uptimeSeconds() };
  });
  routes.get('/health/ready', { summary: 'Readiness: the database and Temporal answer and the process is not stopping; 503 otherwise', public: true, responses: { 200: readiness, 503: { description: 'Not ready: a dependency is down or the process is stopping', schema: readiness } } }, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    if (deps.lifecycle.draining) {
      ctx.status = 503;
      return { status: 'stopping', services: {} };
    }
    const { ready, services } = await checkReadiness(deps);
    ctx.status = ready ? 200 : 503;
    return { status: ready ? 'ready' : 'not_ready', services };
  });
  routes.get('/system/stats/', { summary: 'Task queue statistics of the caller’s tenant; host and database figures for platform staff', response: statsSchema }, async (ctx) => {
    const me = principalOf(ctx);
    const staff = await isPlatformStaff(deps.db.pool, me.userId);
    return systemStats(deps.db.pool, me.tenantId, { uptime: uptimeSeconds(), loadAverage: os.loadavg()[0] }, { staff });
  });
  return routes.router;
}
