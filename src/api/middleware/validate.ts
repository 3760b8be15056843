import type { Middleware } from 'koa';
import { z } from 'zod';
import { validationError, type FieldErrors } from '../../domain/shared/errors.js';
import type { AppState } from '../http/context.js';

export interface RequestSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
}

/** Parses body and query with zod; handlers read the typed result from ctx.state.body / ctx.state.query. */
export function validate(schemas: RequestSchemas): Middleware<AppState> {
  return async (ctx, next) => {
    const fields: FieldErrors = {};
    if (schemas.body) {
      const raw = (ctx.request as { body?: unknown }).body;
      const parsed = schemas.body.safeParse(raw === undefined ? {} : raw);
      if (parsed.success) ctx.state.body = parsed.data;
      else collect(parsed.error, fields);
    }
    if (schemas.query) {
      const parsed = schemas.query.safeParse(queryObject(ctx.querystring));
      if (parsed.success) ctx.state.query = parsed.data;
      else collect(parsed.error, fields);
    }
    if (Object.keys(fields).length) throw validationError(fields);
    await next();
  };
}

/** Repeated keys (`?tag=a&tag=b`) become arrays; single keys stay strings. */
export function queryObject(querystring: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(querystring)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function collect(error: z.ZodError, into: FieldErrors) {
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'non_field_errors';
    (into[key] ??= []).push(issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required.' : issue.message);
  }
}
