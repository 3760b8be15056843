import { z } from 'zod';

export interface RouteDoc {
  method: string;
  path: string;
  summary: string;
  tag: string;
  auth: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  contentType?: string;
}

/** Gathers route descriptions as routers are built; `document()` renders OpenAPI 3.1. */
export class OpenApiCollector {
  private readonly routes: RouteDoc[] = [];

  add(route: RouteDoc) {
    this.routes.push(route);
  }

  /** Routes mounted without a description (any router's stack) still appear, so the document covers all. */
  document(extra: { method: string; path: string }[], serverUrl: string): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    const seen = new Set<string>();
    for (const r of this.routes) {
      const key = `${r.method} ${r.path}`;
      seen.add(key);
      (paths[toOpenApiPath(r.path)] ??= {})[r.method] = operation(r);
    }
    for (const r of extra) {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      (paths[toOpenApiPath(r.path)] ??= {})[r.method] = operation({ ...r, summary: `${r.method.toUpperCase()} ${r.path}`, tag: 'other', auth: true });
    }
    return {
      openapi: '3.1.0',
      info: { title: 'Switchboard API', version: '0.1.0', description: 'Phone numbers, contacts, SMS campaigns and AI agent, on durable Temporal workflows.' },
      servers: [{ url: serverUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          token: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Token <api key>' },
          session: { type: 'apiKey', in: 'cookie', name: 'sessionid' },
        },
      },
      paths,
    };
  }
}

function toOpenApiPath(path: string) {
  return path.replace(/:(\w+)/g, '{$1}');
}

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'A retry with the same key and body within 24 hours replays the first answer (Idempotent-Replayed: true); another body is a 409.',
  schema: { type: 'string', maxLength: 255 },
};

function operation(r: RouteDoc) {
  const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const queryParams = r.query ? queryParameters(r.query) : [];
  // The idempotency middleware answers for every authenticated POST, PUT and PATCH.
  const headerParams = r.auth && ['post', 'put', 'patch'].includes(r.method) ? [IDEMPOTENCY_KEY] : [];
  return {
    summary: r.summary,
    tags: [r.tag],
    ...(r.auth ? { security: [{ bearer: [] }, { token: [] }, { session: [] }] } : { security: [] }),
    parameters: [...params, ...queryParams, ...headerParams],
    ...(r.body ? { requestBody: { required: true, content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.body) } } } } : {}),
    responses: { '200': { description: 'Success' }, '400': { description: 'Invalid input' }, ...(r.auth ? { '401': { description: 'Not authenticated' } } : {}) },
  };
}

function jsonSchema(schema: z.ZodType) {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
  } catch {
    return {};
  }
}

function queryParameters(schema: z.ZodType) {
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: s }));
}
