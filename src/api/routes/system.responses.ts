import { z } from 'zod';
import { dateTime } from '../http/common-schemas.js';

/** Seed 002's health and system statistics. */
const service = z.looseObject({ status: z.enum(['healthy', 'unhealthy']), response_time: z.number(), error: z.string().optional() });

/** The language model and the SMS provider, as seed 002 lists `openai` and `twilio`; `simulated` says when no real one is configured. */
const provider = service.extend({ provider: z.string(), simulated: z.boolean() });

export const health = z.object({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  timestamp: dateTime,
  services: z.object({ database: service, temporal: service, openai: provider.extend({ model: z.string() }), twilio: provider }),
  version: z.string(),
  uptime: z.number(),
});

export const liveness = z.object({ status: z.literal('alive'), uptime: z.number() });
export const readiness = z.object({ status: z.enum(['ready', 'not_ready', 'stopping']), services: z.object({ database: service.optional(), temporal: service.optional() }) });

const n = z.number().nullable();
export const systemStats = z.object({
  system: z.object({ cpu_usage: n, memory_usage: n, disk_usage: n, uptime: n }),
  database: z.object({ total_size: z.string().nullable(), connections: n, slow_queries: n, cache_hit_ratio: n }),
  queues: z.object({ pending_tasks: z.number().int(), failed_tasks: z.number().int(), completed_today: z.number().int() }),
});
