import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/harness.js';
import { createAccount, type TestAccount } from './support/accounts.js';

/**
 * An adversarial sweep over EVERY route of the OpenAPI document: each bad payload must be answered
 * with a 4xx, never a 5xx. Failures list route, payload, status and body, so one run shows them all.
 */
let app: TestApp;
let account: TestAccount;
beforeAll(async () => {
  // The sweep sends hundreds of requests as one user; request budgets are not what it tests.
  app = await startTestApp({
    RATE_LIMIT_DEFAULT_PER_HOUR: '1000000',
    RATE_LIMIT_BULK_PER_MINUTE: '1000000',
    RATE_LIMIT_SMS_PER_MINUTE: '1000000',
    RATE_LIMIT_CONTACTS_PER_MINUTE: '1000000',
    RATE_LIMIT_CAMPAIGNS_PER_MINUTE: '1000000',
    LOGIN_ATTEMPTS_PER_HOUR: '1000000',
  });
  account = await createAccount(app);
});
afterAll(() => app.close());

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  hasBody: boolean;
}

interface Probe {
  name: string;
  /** Path parameters' value (already encoded for the URL). */
  param?: string;
  query?: (names: string[]) => string;
  body?: string;
  headers?: Record<string, string>;
}

const DEEP = '['.repeat(10_000) + ']'.repeat(10_000);
const DATES_OUT_OF_RANGE = ['0000-01-01', '-271821-04-20T00:00:00Z', '+275760-09-13'];
const DATE_KEYS = ['date', 'created_after', 'created_before', 'start_date', 'end_date', 'date_from', 'date_to', 'from', 'to', 'since', 'until'];
const queryOf = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

const PROBES: Probe[] = [
  { name: 'NUL in a JSON string', body: JSON.stringify({ name: 'a\u0000b', email: 'a\u0000@example.com', message: '\u0000', phone: '+1555\u00000100' }) },
  { name: 'lone surrogate in a JSON string', body: '{"name":"\\ud800","message":"x\\udfff"}' },
  { name: 'lone surrogate in a JSON key', body: '{"\\ud800":1}' },
  { name: 'NUL in a nested JSON value', body: JSON.stringify({ tags: ['ok', 'a\u0000'], attributes: { k: 'v\u0000' } }) },
  { name: 'deep nesting', body: DEEP },
  { name: 'deep nesting in an object', body: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) },
  { name: 'deep nesting under an Idempotency-Key', body: DEEP, headers: { 'idempotency-key': `sweep-${randomUUID()}` } },
  { name: 'Content-Encoding gzip on a plain body', body: '{"name":"x"}', headers: { 'content-encoding': 'gzip' } },
  { name: 'Content-Encoding deflate on a plain body', body: '{"name":"x"}', headers: { 'content-encoding': 'deflate' } },
  { name: 'unknown Content-Encoding', body: '{"name":"x"}', headers: { 'content-encoding': 'x-unheard-of' } },
  { name: 'prototype keys', body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":1}' },
  { name: 'NUL in a path parameter', param: 'a%00b' },
  { name: 'invalid UTF-8 (lone surrogate) in a path parameter', param: '%ED%A0%80' },
  { name: 'malformed percent-encoding in a path parameter', param: '%E0%A4%A' },
  { name: 'NUL in the query', query: (names) => queryOf([...names, 'search', 'q', 'status'].map((n) => [n, 'a\u0000b'])) },
  { name: 'invalid UTF-8 in the query', query: (names) => [...names, 'search'].map((n) => `${encodeURIComponent(n)}=%ED%A0%80`).join('&') },
  ...DATES_OUT_OF_RANGE.map((d) => ({ name: `out-of-range date ${d} in the query`, query: (names: string[]) => queryOf([...new Set([...names, ...DATE_KEYS])].map((n) => [n, d])) })),
];

async function operations(): Promise<Operation[]> {
  const doc = (await app.http.get('/api/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>> };
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: method !== 'get' && method !== 'delete',
      });
    }
  }
  return out;
}

/** A plausible value per parameter, so the request reaches the handler's own parsing. */
function plausible(name: string): string {
  if (/upload|uuid|task/i.test(name)) return randomUUID();
  return '1';
}

interface Finding {
  route: string;
  probe: string;
  status: number;
  body: string;
}

async function send(op: Operation, probe: Probe): Promise<Finding | null> {
  if (probe.body !== undefined && !op.hasBody) return null;
  if (probe.param !== undefined && !op.pathParams.length) return null;
  let path = op.path;
  for (const p of op.pathParams) path = path.replace(`{${p}}`, probe.param ?? plausible(p));
  if (probe.query) path += `${path.includes('?') ? '&' : '?'}${probe.query(op.queryParams)}`;
  const headers: Record<string, string> = { authorization: `Bearer ${account.token}`, ...probe.headers };
  if (probe.body !== undefined) headers['content-type'] = 'application/json';
  const body = probe.body ?? (op.hasBody ? '{}' : undefined);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(app.url + path, { method: op.method, headers, body });
  const text = await res.text();
  if (res.status < 500) return null;
  return { route: `${op.method} ${op.path}`, probe: probe.name, status: res.status, body: text.slice(0, 300) };
}

/** Runs the requests a few at a time: enough to be quick, not so many that the shared machine stalls. */
async function inParallel<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}

describe('input hygiene across every documented route', () => {
  test('when each route gets NUL, lone surrogates, deep nesting, a wrong Content-Encoding, prototype keys or out-of-range dates, then no answer is a 5xx', async () => {
    const ops = (await operations()).filter((op) => !op.path.startsWith('/api/docs'));
    expect(ops.length).toBeGreaterThan(50);
    const jobs = ops.flatMap((op) => PROBES.map((probe) => () => send(op, probe)));
    const findings = (await inParallel(jobs, 6)).filter((f): f is Finding => f !== null);
    const report = findings.map((f) => `${f.route}  [${f.probe}]  → ${f.status} ${f.body}`).join('\n');
    expect(report).toBe('');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
