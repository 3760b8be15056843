import type { z } from 'zod';
import type { TestApp, HttpResult } from '../support/harness.js';
import { OpenApiCollector, isZod, type RouteDoc } from '../../src/api/openapi/collector.js';
import { ERROR_SCHEMAS, errorStatuses } from '../../src/api/openapi/error-responses.js';
import { toOpenApiPath } from '../../src/api/openapi/operation-id.js';
import { familyOf, type Family } from '../../src/api/http/families.js';
import { createRouters } from '../../src/api/routes/index.js';
import type { ErrorStatus, ResponseDoc, SuccessStatus } from '../../src/api/openapi/route-doc.js';

export interface Checked {
  route: string;
  status: number;
  family: Family;
}

/**
 * Checks real answers against the zod schemas their routes document, the same objects the served
 * OpenAPI document is rendered from; the status must also be one the served document lists.
 */
export class Conformance {
  private readonly routes: readonly RouteDoc[];
  readonly checked: Checked[] = [];

  constructor(app: TestApp, private readonly served: any) {
    const docs = new OpenApiCollector();
    createRouters(app.api.deps, docs);
    this.routes = docs.list();
  }

  /** `path` is the route as registered (`/api/messaging/campaigns/:id/`). Returns the answer for chaining. */
  check<T extends HttpResult>(method: string, path: string, res: T): T {
    const route = this.routes.find((r) => r.method === method.toLowerCase() && r.path === path);
    if (!route) throw new Error(`No route ${method} ${path}`);
    const status = res.status;
    const where = `${method.toUpperCase()} ${path} → ${status} ${res.text.slice(0, 300)}`;
    const responses = this.served.paths[toOpenApiPath(path)]?.[method.toLowerCase()]?.responses ?? {};
    expect({ where, listed: String(status) in responses }).toEqual({ where, listed: true });
    // Headers every such answer carries (Idempotent-Replayed comes only with a replay).
    const headers = Object.keys(responses[String(status)]?.headers ?? {}).filter((h) => h !== 'Idempotent-Replayed' && h !== 'Retry-After');
    expect({ where, missing: headers.filter((h) => !res.headers.has(h)) }).toEqual({ where, missing: [] });
    const { schema, contentType } = status < 300 || route.responses[status as ErrorStatus] ? documented(route, status) : { schema: errorSchema(route, status), contentType: 'application/json' };
    expect({ where, contentType: res.headers.get('content-type')?.split(';')[0] }).toEqual({ where, contentType });
    const parsed = schema.safeParse(contentType === 'application/json' ? res.body : res.text);
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect({ where, issues }).toEqual({ where, issues: [] });
    this.checked.push({ route: `${method.toUpperCase()} ${path}`, status, family: familyOf(path) });
    return res;
  }
}

function documented(route: RouteDoc, status: number): { schema: z.ZodType; contentType: string } {
  const doc = route.responses[status as SuccessStatus] as ResponseDoc | undefined;
  if (!doc) throw new Error(`${route.method} ${route.path} documents no ${status}`);
  if (isZod(doc)) return { schema: doc, contentType: 'application/json' };
  return { schema: doc.schema!, contentType: doc.contentType ?? 'application/json' };
}

function errorSchema(route: RouteDoc, status: number): z.ZodType {
  if (!errorStatuses(route).includes(status as ErrorStatus)) throw new Error(`${route.method} ${route.path} documents no ${status}`);
  return ERROR_SCHEMAS[familyOf(route.path)];
}
