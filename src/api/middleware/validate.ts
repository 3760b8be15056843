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

/**
 * Repeated keys (`?tag=a&tag=b`) become arrays; single keys stay strings. Form encoding reads a raw `+`
 * as a space, but a value that starts with a raw `+` and a digit is a phone number in E.164 form, as in
 * seed 002's own `?user_phone=+1234567890` (a leading space before digits would mean nothing to any
 * field): that `+` is kept, so every phone query parameter accepts it as it accepts `%2B`.
 */
export function queryObject(querystring: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const pair of querystring.split('&')) {
    if (!pair) continue;
    for (const [k, decoded] of new URLSearchParams(pair)) {
      const eq = pair.indexOf('=');
      const v = eq >= 0 && LEADING_PLUS_DIGIT.test(pair.slice(eq + 1)) ? `+${decoded.slice(1)}` : decoded;
      const prev = out[k];
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
  }
  return out;
}

const LEADING_PLUS_DIGIT = /^\+\d/;

function collect(error: z.ZodError, into: FieldErrors) {
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'non_field_errors';
    (into[key] ??= []).push(issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required.' : issue.message);
  }
}
