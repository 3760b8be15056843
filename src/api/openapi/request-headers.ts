import { z } from 'zod';
import type { RouteDoc } from './route-doc.js';

const WRITES = new Set(['post', 'put', 'patch']);

const idempotencyKey = z
  .string()
  .max(255)
  .optional()
  .meta({ description: 'A retry with the same key and body within 24 hours replays the first answer (Idempotent-Replayed: true); another body is a 409.' });

const tenantId = z
  .string()
  .regex(/^\d+$/)
  .optional()
  .meta({ description: 'Act in another tenant the caller belongs to (default: the active tenant); one the caller is not in is a 403.' });

/** The headers the middleware chain honours for an operation: both apply to authenticated callers only. */
export function requestHeaders(r: RouteDoc) {
  if (!r.auth) return undefined;
  return z.object({ 'X-Tenant-ID': tenantId, ...(WRITES.has(r.method) ? { 'Idempotency-Key': idempotencyKey } : {}) });
}
