import type { Middleware } from 'koa';
import { validationError, type FieldErrors } from '../../domain/shared/errors.js';
import { unstorableText } from '../../domain/shared/storable-text.js';
import type { AppContext, AppState } from '../http/context.js';
import { queryObject } from './validate.js';

/** Deeper than any document a route accepts, shallow enough that no recursive walker downstream overflows. */
const MAX_JSON_DEPTH = 64;
/** Keys that would reach an object's prototype if some code merged them; they name no field anywhere. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Mounted right after body parsing: walks the path, the query and the parsed body once and refuses
 * (400, naming the field) unstorable text and nesting deeper than MAX_JSON_DEPTH, and drops prototype
 * keys, so no route, store or fingerprint downstream ever sees them.
 */
export function inputHygiene(): Middleware<AppState> {
  return async (ctx, next) => {
    const fields: FieldErrors = {};
    checkPath(ctx, fields);
    const query = queryObject(ctx.querystring);
    for (const key of Object.keys(query)) checkValue(query[key], key, fields);
    const request = ctx.request as { body?: unknown };
    request.body = cleanInput(request.body, fields);
    if (Object.keys(fields).length) throw validationError(fields);
    await next();
  };
}

/** For parsers that run later than the middleware (multipart): the same checks, thrown as one 400. */
export function assertCleanInput<T>(value: T): T {
  const fields: FieldErrors = {};
  const cleaned = cleanInput(value, fields) as T;
  if (Object.keys(fields).length) throw validationError(fields);
  return cleaned;
}

/**
 * Checks a parsed document (JSON body, form or multipart fields) against the text rule and the depth
 * limit, adding problems to `fields`; answers the document without prototype keys.
 */
function cleanInput(value: unknown, fields: FieldErrors, root = ''): unknown {
  // An explicit stack: the document may be nested far deeper than the call stack allows.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      checkText(v, path, fields);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      add(fields, path, `Nested more than ${MAX_JSON_DEPTH} levels deep.`);
      continue;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: join(path, String(i)), depth: depth + 1 }));
      continue;
    }
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (PROTOTYPE_KEYS.has(key)) {
        delete record[key];
        continue;
      }
      const problem = unstorableText(key);
      if (problem) add(fields, path || 'non_field_errors', `A key ${problem}.`);
      else stack.push({ value: record[key], path: join(path, key), depth: depth + 1 });
    }
  }
  return value;
}

function checkPath(ctx: AppContext, fields: FieldErrors) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(ctx.path);
  } catch {
    add(fields, 'path', 'The URL path is not valid percent-encoded UTF-8.');
    return;
  }
  checkText(decoded, 'path', fields);
}

function checkValue(v: string | string[], key: string, fields: FieldErrors) {
  const problem = unstorableText(key);
  if (problem) return add(fields, 'non_field_errors', `A query parameter name ${problem}.`);
  for (const s of Array.isArray(v) ? v : [v]) checkText(s, key, fields);
}

function checkText(s: string, field: string, fields: FieldErrors) {
  const problem = unstorableText(s);
  if (problem) add(fields, field || 'body', `This value ${problem}.`);
}

function add(fields: FieldErrors, field: string, message: string) {
  const list = (fields[field] ??= []);
  if (!list.includes(message)) list.push(message);
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
