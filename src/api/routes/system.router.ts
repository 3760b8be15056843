import os from 'node:os';
import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { principalOf } from '../http/context.js';
import { checkHealth } from '../../app/system/health.js';
import { systemStats } from '../../db/system/stats.js';
import { isPlatformStaff } from '../../db/identity/staff.js';
import { health, systemStats as statsSchema } from './system.responses.js';

const startedAt = Date.now();
const uptimeSeconds = () => Math.round((Date.now() - startedAt) / 1000);

/** Seed 002's health check (public) and system statistics. */
export function createSystemRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const routes = new Routes(docs, 'system', '/api');
  routes.get('/health/', { summary: 'Health of the database and Temporal, measured now', public: true, responses: { 200: health, 503: { description: 'A dependency is unhealthy', schema: health } } }, async (ctx) => {
    const health = await checkHealth(deps);
    ctx.status = health.status === 'healthy' ? 200 : 503;
    return { ...health, version: process.env.npm_package_version ?? '0.1.0', uptime: uptimeSeconds() };
  });
  routes.get('/system/stats/', { summary: 'Task queue statistics of the caller’s tenant; host and database figures for platform staff', response: statsSchema }, async (ctx) => {
    const me = principalOf(ctx);
    const staff = await isPlatformStaff(deps.db.pool, me.userId);
    return systemStats(deps.db.pool, me.tenantId, { uptime: uptimeSeconds(), loadAverage: os.loadavg()[0] }, { staff });
  });
  return routes.router;
}
