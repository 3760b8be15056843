import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Middleware } from 'koa';
import type pg from 'pg';
import { businessError, fieldError } from '../../domain/shared/errors.js';
import type { AppContext, AppState } from '../http/context.js';
import { claimKey, completeKey, releaseKey, type StoredAnswer } from './idempotency-store.js';

const REPLAYED_HEADER = 'Idempotent-Replayed';

const GUARDED_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** Headers that belong to one delivery of an answer, or to the session, never to its replay. */
const NOT_REPLAYED = new Set(['set-cookie', 'content-length', 'date', 'connection', 'transfer-encoding', 'keep-alive', 'x-request-id']);

/**
 * `Idempotency-Key` on every POST, PUT and PATCH of an authenticated caller (seed 004): the first
 * answer to a key is stored and replayed for 24 hours with `Idempotent-Replayed: true`; the same key
 * on a different body is a 409, and so is a repeat that arrives while the first is still running.
 * Mounted once, after authentication. A JSON, form or text body is already parsed, so the key is
 * claimed at once; a multipart body is parsed by its route, so the claim waits for the route's
 * handler (`aroundHandler`, which `Routes` runs after the route's parsers) and covers the files.
 */
export function idempotency(pool: pg.Pool): Middleware<AppState> {
  return async (ctx, next) => {
    const key = ctx.get('idempotency-key').trim();
    const principal = ctx.state.principal;
    if (!key || !principal || !GUARDED_METHODS.has(ctx.method)) return next();
    if (key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) throw fieldError('Idempotency-Key', 'Must be 1-255 visible ASCII characters.');
    const once = (run: () => Promise<unknown>) => runOnce(pool, ctx, { tenantId: principal.tenantId, userId: principal.userId, key }, run);
    if (!ctx.is('multipart/form-data')) return once(next);
    ctx.state.aroundHandler = once;
    await next();
  };
}

async function runOnce(pool: pg.Pool, ctx: AppContext, who: { tenantId: number; userId: number; key: string }, run: () => Promise<unknown>): Promise<void> {
  const request = { ...who, method: ctx.method, path: ctx.path, hash: await fingerprint(ctx) };
  const claim = await claimKey(pool, request);
  if (claim.kind === 'seen') {
    if (claim.hash !== request.hash) {
      throw businessError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; send a new key for a new request.', { details: { idempotency_key: who.key } });
    }
    if (!claim.answer) throw businessError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still being processed; retry shortly.', { details: { idempotency_key: who.key } });
    replay(ctx, claim.answer);
    return;
  }
  const before = { ...ctx.response.headers };
  try {
    await run();
  } catch (err) {
    await releaseKey(pool, claim.id);
    throw err;
  }
  if (ctx.status >= 500 || !isJsonBody(ctx.body)) await releaseKey(pool, claim.id);
  else await completeKey(pool, claim.id, { status: ctx.status, body: ctx.body, headers: headersSetSince(ctx, before) });
}

function replay(ctx: AppContext, answer: StoredAnswer) {
  ctx.body = answer.body;
  ctx.status = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) ctx.set(name, value);
  ctx.set(REPLAYED_HEADER, 'true');
}

function headersSetSince(ctx: AppContext, before: Record<string, unknown>): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.response.headers)) {
    if (NOT_REPLAYED.has(name) || value === undefined || String(before[name]) === String(value)) continue;
    set[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return set;
}

function isJsonBody(body: unknown): boolean {
  return body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function';
}

interface ParsedFile {
  fieldname: string;
  originalname?: string;
  buffer?: Buffer;
  path?: string;
}

/**
 * What identifies a request: method, path, query and body (JSON with sorted keys; for multipart the
 * text fields and each file's field name, file name and bytes, in memory or on disk), never the
 * multipart boundary, which a client draws afresh for every attempt.
 */
async function fingerprint(ctx: AppContext): Promise<string> {
  const hash = createHash('sha256').update(`${ctx.method} ${ctx.path}?${ctx.querystring}\n`);
  hash.update(stableJson((ctx.request as { body?: unknown }).body ?? null));
  const file = (ctx as { file?: ParsedFile }).file;
  if (file) {
    hash.update(`\nfile:${file.fieldname}:${file.originalname ?? ''}\n`);
    if (file.buffer) hash.update(file.buffer);
    else if (file.path) await hashFile(hash, file.path);
  }
  return hash.digest('hex');
}

async function hashFile(hash: Hash, path: string): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
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
