import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { z } from 'zod';
import type { OpenApiCollector } from '../openapi/collector.js';
import { requireAuth } from '../middleware/authenticate.js';
import { validate } from '../middleware/validate.js';
import type { AppContext, AppState } from './context.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  summary: string;
  /** Routes are authenticated unless `public: true`. */
  public?: boolean;
  body?: B;
  query?: Q;
  contentType?: string;
}

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
    this.docs.add({ method, path: prefix + path, summary: spec.summary, tag: this.tag, auth: !spec.public, body: spec.body, query: spec.query, contentType: spec.contentType });
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
    this.router[method](path, ...(chain as Middleware[]));
    return this;
  }
}
