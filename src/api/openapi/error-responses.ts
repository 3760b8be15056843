import type { z } from 'zod';
import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { familyOf, type Family } from '../http/families.js';
import { authError, channelsError, drfError, mifumoError, phoneError } from '../http/envelope-schemas.js';
import type { ErrorStatus, RouteDoc } from './route-doc.js';
import { UNLIMITED_PATHS } from '../middleware/rate-limit-buckets.js';

export const ERROR_SCHEMAS: Record<Family, z.ZodType> = { phone: phoneError, mifumo: mifumoError, channels: channelsError, drf: drfError, auth: authError };

const DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Invalid input (field errors in the family’s envelope)',
  401: 'No credential, or one that is not valid',
  403: 'Not allowed: the role, the tenant named by X-Tenant-ID, a plan limit, or a cross-site cookie write',
  404: 'Not found in the caller’s tenant',
  409: 'Conflict: an Idempotency-Key reused with another body or still running, or a state that forbids it',
  413: 'Request body is too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  429: 'Rate limit exceeded (Retry-After says when to try again)',
  502: 'The upstream provider failed',
  503: 'A dependency is unavailable',
};

const WRITES = new Set(['post', 'put', 'patch']);

/**
 * The errors the middleware chain can answer for an operation of this shape: validation (400) when it
 * reads input, authentication and tenant/role checks (401, 403), the request budget (429), the
 * idempotency conflict on authenticated writes (409), the body limit (413), not-found for a path id.
 */
export function errorStatuses(r: RouteDoc): ErrorStatus[] {
  const hasParams = /:\w+/.test(r.path);
  const out = new Set<ErrorStatus>(r.errors ?? []);
  if (r.body || r.query || hasParams) out.add(400);
  if (r.auth) [401, 403].forEach((s) => out.add(s as ErrorStatus));
  if (r.auth && !UNLIMITED_PATHS.has(r.path)) out.add(429);
  if (hasParams) out.add(404);
  if (r.auth && WRITES.has(r.method)) out.add(409);
  if (r.body || WRITES.has(r.method)) out.add(413);
  return [...out].sort();
}

export const errorSchemaName = (family: Family) => `${family[0].toUpperCase()}${family.slice(1)}Error`;

export function errorResponses(r: RouteDoc): Record<string, ResponseConfig> {
  const schema = { $ref: `#/components/schemas/${errorSchemaName(familyOf(r.path))}` };
  return Object.fromEntries(
    errorStatuses(r).map((status) => [
      String(status),
      {
        description: DESCRIPTIONS[status],
        headers: {
          'Error-Code': { description: 'The code a client acts on: the business code when there is one', schema: { type: 'string' } },
          ...(status === 429 ? { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } : {}),
        },
        content: { 'application/json': { schema } },
      } satisfies ResponseConfig,
    ]),
  );
}
