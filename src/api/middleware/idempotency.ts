import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import type pg from 'pg';
import { conflict, fieldError } from '../../domain/shared/errors.js';
import { principalOf, type AppContext, type AppState } from '../http/context.js';
import { uploadedFile } from './multipart-file.js';
import { claimKey, completeKey, releaseKey } from './idempotency-store.js';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * `Idempotency-Key` for create endpoints (seed 004): the first answer to a key is stored and replayed
 * for 24 hours with `Idempotent-Replayed: true`; the same key on a different request is a 409, and so
 * is a repeat that arrives while the first is still running. Mount it after authentication and after
 * any multipart parser, so the fingerprint covers the uploaded file.
 */
export function idempotent(pool: pg.Pool): Middleware<AppState> {
  return async (ctx, next) => {
    const key = ctx.get('idempotency-key').trim();
    if (!key) return next();
    if (key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) throw fieldError('Idempotency-Key', 'Must be 1-255 visible ASCII characters.');
    const { tenantId, userId } = principalOf(ctx);
    const request = { tenantId, userId, key, method: ctx.method, path: ctx.path, hash: fingerprint(ctx) };
    const claim = await claimKey(pool, request);
    if (claim.kind === 'seen') {
      if (claim.hash !== request.hash || claim.method !== request.method || claim.path !== request.path) {
        throw conflict('This Idempotency-Key was already used for a different request; send a new key for a new request.', { idempotency_key: key });
      }
      if (claim.status === null) throw conflict('A request with this Idempotency-Key is still being processed; retry shortly.', { idempotency_key: key });
      ctx.status = claim.status;
      ctx.body = claim.body;
      ctx.set(REPLAYED_HEADER, 'true');
      return;
    }
    try {
      await next();
    } catch (err) {
      await releaseKey(pool, claim.id);
      throw err;
    }
    if (ctx.status >= 500 || !isJsonBody(ctx.body)) await releaseKey(pool, claim.id);
    else await completeKey(pool, claim.id, ctx.status, ctx.body);
  };
}

function isJsonBody(body: unknown): boolean {
  return body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function';
}

/** Method, path, query and body (JSON with sorted keys, or the uploaded files' bytes). */
function fingerprint(ctx: AppContext): string {
  const hash = createHash('sha256').update(`${ctx.method} ${ctx.path}?${ctx.querystring}\n`);
  hash.update(stableJson((ctx.request as { body?: unknown }).body ?? null));
  const file = uploadedFile(ctx);
  if (file) hash.update(`\nfile:${file.fieldname}\n`).update(file.buffer);
  return hash.digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
