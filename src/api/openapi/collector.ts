import { z } from 'zod';
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ResponseDoc, RouteDoc } from './route-doc.js';
import { ERROR_SCHEMAS, errorResponses, errorSchemaName } from './error-responses.js';
import type { Family } from '../http/families.js';
import { requestHeaders } from './request-headers.js';
import { operationIdOf, toOpenApiPath } from './operation-id.js';
import { UNLIMITED_PATHS } from '../middleware/rate-limit-buckets.js';

export type { RouteDoc } from './route-doc.js';

const SECURITY: Record<string, string[]>[] = [{ bearer: [] }, { token: [] }, { apiKey: [] }, { session: [] }];

/**
 * Gathers route descriptions as routers are built (each `Routes` route adds its own) and renders
 * OpenAPI 3.1 with zod-to-openapi, from the same zod schemas that validate the requests.
 */
export class OpenApiCollector {
  private readonly routes: RouteDoc[] = [];
  private readonly operationIds = new Map<string, string>();

  add(route: RouteDoc) {
    const id = route.operationId ?? operationIdOf(route.method, route.path);
    const taken = this.operationIds.get(id);
    if (taken) throw new Error(`operationId "${id}" of ${route.method.toUpperCase()} ${route.path} is already ${taken}'s; give the route an operationId`);
    this.operationIds.set(id, `${route.method.toUpperCase()} ${route.path}`);
    this.routes.push({ ...route, operationId: id });
  }

  /** Every described route, in registration order (the contract tests walk them). */
  list(): readonly RouteDoc[] {
    return this.routes;
  }

  /**
   * `mounted` is every route in the routers' stacks: one that no `Routes` described still appears
   * (without a response schema, which the contract test refuses), so the document hides nothing. The
   * router answers `/x` for `/x/`, so a stack path that differs from a described one only by its
   * trailing slash is the same operation.
   */
  document(mounted: { method: string; path: string }[], serverUrl: string): Record<string, unknown> {
    const registry = new OpenAPIRegistry();
    registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Authorization: Bearer <access JWT> (seed 004)' });
    registry.registerComponent('securitySchemes', 'token', { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Authorization: Token <api key> (seeds 000, 002)' });
    registry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'X-API-Key: <api key>' });
    registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'sessionid', description: 'The session cookie set by POST /api/auth/login/ (seed 001)' });
    // One component per family's error envelope, referenced by every error answer.
    for (const [family, schema] of Object.entries(ERROR_SCHEMAS)) {
      const { $schema: _, ...jsonSchema } = z.toJSONSchema(schema) as Record<string, unknown>;
      registry.registerComponent('schemas', errorSchemaName(family as Family), jsonSchema);
    }
    const described = new Set(this.routes.map((r) => `${r.method} ${canonical(r.path)}`));
    for (const r of this.routes) registry.registerPath(routeConfig(r));
    for (const m of mounted) {
      const key = `${m.method} ${canonical(m.path)}`;
      if (described.has(key)) continue;
      described.add(key);
      registry.registerPath({ method: m.method as RouteConfig['method'], path: toOpenApiPath(m.path), tags: ['other'], summary: `${m.method.toUpperCase()} ${m.path}`, operationId: operationIdOf(m.method, m.path), responses: {} });
    }
    return new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Switchboard API',
        version: '0.1.0',
        description:
          'Phone numbers, contacts, SMS campaigns and AI agent, on durable Temporal workflows. Each path answers in its seed family’s envelope. Realtime channels (plain WebSockets and Socket.IO) are described by the AsyncAPI document at /api/asyncapi.json.',
      },
      servers: [{ url: serverUrl }],
    }) as unknown as Record<string, unknown>;
  }
}

const canonical = (path: string) => (path.endsWith('/') ? path : `${path}/`);

function routeConfig(r: RouteDoc): RouteConfig {
  const pathParams = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  return {
    method: r.method as RouteConfig['method'],
    path: toOpenApiPath(r.path),
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    tags: [r.tag],
    security: r.auth ? SECURITY : [],
    request: {
      ...(pathParams.length ? { params: z.object(Object.fromEntries(pathParams.map((p) => [p, z.string()]))) } : {}),
      ...(r.query ? { query: r.query as z.ZodObject } : {}),
      headers: requestHeaders(r),
      ...(r.body ? { body: { required: true, content: { [r.contentType ?? 'application/json']: { schema: r.body } } } } : {}),
    },
    responses: { ...errorResponses(r), ...successResponses(r) },
  };
}

function successResponses(r: RouteDoc): Record<string, ResponseConfig> {
  const headers = responseHeaders(r);
  return Object.fromEntries(Object.entries(r.responses).map(([status, doc]) => [status, { ...responseConfig(doc as ResponseDoc), ...(headers ? { headers } : {}) }]));
}

function responseConfig(doc: ResponseDoc): ResponseConfig {
  if (isZod(doc)) return { description: 'Success', content: { 'application/json': { schema: doc } } };
  return { description: doc.description, ...(doc.schema ? { content: { [doc.contentType ?? 'application/json']: { schema: doc.schema } } } : {}) };
}

const integerHeader = (description: string) => ({ description, schema: { type: 'integer' as const } });

/** What the rate limiter and the idempotency middleware add to an authenticated caller's answers. */
function responseHeaders(r: RouteDoc): ResponseConfig['headers'] {
  if (!r.auth) return undefined;
  const limited = !UNLIMITED_PATHS.has(r.path);
  return {
    ...(limited
      ? {
          'X-RateLimit-Limit': integerHeader('Requests allowed in the current window of this route’s budget'),
          'X-RateLimit-Remaining': integerHeader('Requests left in the window'),
          'X-RateLimit-Reset': integerHeader('When the window resets (epoch seconds)'),
        }
      : {}),
    ...(['post', 'put', 'patch'].includes(r.method) ? { 'Idempotent-Replayed': { description: '"true" when this is the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string' as const } } } : {}),
  };
}

export const isZod = (x: unknown): x is z.ZodType => typeof x === 'object' && x !== null && '_zod' in x;
