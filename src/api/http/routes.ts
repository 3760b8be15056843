import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { z } from 'zod';
import type { OpenApiCollector } from '../openapi/collector.js';
import type { ErrorStatus, SuccessResponses } from '../openapi/route-doc.js';
import { requireAuth } from '../middleware/authenticate.js';
import { validate } from '../middleware/validate.js';
import type { AppContext, AppState } from './context.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface RouteSpecBase<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  summary: string;
  description?: string;
  /** Routes are authenticated unless `public: true`. */
  public?: boolean;
  body?: B;
  query?: Q;
  contentType?: string;
  /** Errors the handler itself answers beyond those its shape implies (400 input, 401/403/429 auth, 404 path id, 409 idempotency, 413 body). */
  errors?: ErrorStatus[];
  /** Defaults to one derived from method and path. */
  operationId?: string;
  /** Other spellings that answer the same (a seed's path without its trailing slash); documented once, at the route's path. */
  alsoAt?: string[];
}

/**
 * What a route answers is part of its spec, and a route cannot be declared without it: either
 * `response` (the JSON body of its one success status, 200 unless `status` says otherwise) or
 * `responses` by status (several successes, or a CSV / file body).
 */
type SuccessSpec =
  | { response: z.ZodType; status?: 200 | 201 | 202; responses?: never }
  | { responses: SuccessResponses; response?: never; status?: never };

export type RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> = RouteSpecBase<B, Q> & SuccessSpec;

type Handler<B, Q> = (ctx: AppContext & { state: { body: B; query: Q } }) => unknown | Promise<unknown>;
type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

/** A router that documents each route in OpenAPI and validates its input with the route's zod schemas. */
export class Routes {
  readonly router: Router<AppState>;

  constructor(private readonly docs: OpenApiCollector, private readonly tag: string, prefix = '') {
    this.router = new Router<AppState>({ prefix });
  }

  get<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(path: string, spec: RouteSpec<B, Q>, handler: Handler<Infer<B>, Infer<Q>>, ...pre: Middleware<AppState>[]) {
    return this.add('get', path, spec, handler, pre);
  }
  post<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(path: string, spec: RouteSpec<B, Q>, handler: Handler<Infer<B>, Infer<Q>>, ...pre: Middleware<AppState>[]) {
    return this.add('post', path, spec, handler, pre);
  }
  put<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(path: string, spec: RouteSpec<B, Q>, handler: Handler<Infer<B>, Infer<Q>>, ...pre: Middleware<AppState>[]) {
    return this.add('put', path, spec, handler, pre);
  }
  patch<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(path: string, spec: RouteSpec<B, Q>, handler: Handler<Infer<B>, Infer<Q>>, ...pre: Middleware<AppState>[]) {
    return this.add('patch', path, spec, handler, pre);
  }
  delete<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(path: string, spec: RouteSpec<B, Q>, handler: Handler<Infer<B>, Infer<Q>>, ...pre: Middleware<AppState>[]) {
    return this.add('delete', path, spec, handler, pre);
  }

  private add(method: Method, path: string, spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined>, handler: Handler<any, any>, pre: Middleware<AppState>[]) {
    const prefix = (this.router as unknown as { opts: { prefix?: string } }).opts.prefix ?? '';
    this.docs.add({
      method,
      path: prefix + path,
      summary: spec.summary,
      description: spec.description,
      tag: this.tag,
      auth: !spec.public,
      body: spec.body,
      query: spec.query,
      contentType: spec.contentType,
      responses: spec.responses ?? { [spec.status ?? 200]: spec.response },
      errors: spec.errors,
      operationId: spec.operationId,
    });
    const chain: Middleware<AppState>[] = [];
    if (!spec.public) chain.push(requireAuth());
    chain.push(...pre);
    if (spec.body || spec.query) chain.push(validate({ body: spec.body, query: spec.query }));
    chain.push(async (ctx) => {
      const run = async () => {
        const result = await handler(ctx as never);
        if (result !== undefined) ctx.body = result;
      };
      await (ctx.state.aroundHandler ? ctx.state.aroundHandler(run) : run());
    });
    this.router[method]([path, ...(spec.alsoAt ?? [])], ...(chain as Middleware[]));
    return this;
  }
}
