/**
 * Seed-000 reads at a million numbers: median latency of statistics and of the first page of
 * list-numbers over the real HTTP API, beside the same SQL called directly, plus the CSV download's
 * throughput and the API process's memory while it streams.
 */
import type pg from 'pg';
import { phoneStatistics } from '../src/db/phone-inventory/phone-statistics.js';
import { listNumbers } from '../src/db/phone-inventory/number-queries.js';
import type { NumberFilter } from '../src/domain/phone-inventory/number-filter.js';
import { reportFigure } from './support/report.js';

export interface PhoneReadsBenchContext {
  pool: pg.Pool;
  apiUrl: string;
  /** An account whose tenant the bench fills; its API key authenticates the HTTP calls. */
  account: { tenantId: number; userId: number; apiKey: string };
  /** Another tenant's account, so tenant scoping has rows to skip. */
  neighbour: { tenantId: number; userId: number };
  rows?: number;
  iterations?: number;
  log?: (line: string) => void;
}

export async function run(ctx: PhoneReadsBenchContext) {
  const log = ctx.log ?? ((line: string) => console.log(line));
  const rows = ctx.rows ?? 1_000_000;
  const iterations = ctx.iterations ?? 15;
  const { account } = ctx;

  const seeded = await timed(() => seedNumbers(ctx.pool, account, rows));
  await seedNumbers(ctx.pool, { ...ctx.neighbour }, Math.round(rows / 10));
  await ctx.pool.query('vacuum analyze phone_numbers');
  log(`seeded ${rows.toLocaleString()} numbers for one tenant (+${Math.round(rows / 10).toLocaleString()} for a neighbour) in ${(seeded.ms / 1000).toFixed(1)} s`);

  const http = async (path: string) => {
    const res = await fetch(`${ctx.apiUrl}/api/phone-generator/${path}${path.includes('?') ? '&' : '?'}user_id=${account.userId}`, {
      headers: { authorization: `Token ${account.apiKey}` },
    });
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  const page1 = { limit: 50, offset: 0 };
  const cases: { name: string; api: () => Promise<unknown>; sql: () => Promise<unknown> }[] = [
    { name: 'statistics (tenant)', api: () => http('statistics/'), sql: () => phoneStatistics(ctx.pool, account.tenantId) },
    { name: 'statistics (project 5)', api: () => http('statistics/?project_id=5'), sql: () => phoneStatistics(ctx.pool, account.tenantId, '5') },
    { name: 'list-numbers page 1', api: () => http('list-numbers/'), sql: () => listNumbers(ctx.pool, account.tenantId, {}, page1) },
    ...listCase('list-numbers page 1 (project 5)', 'list-numbers/?project_id=5', { projectId: '5' }),
    ...listCase('get-valid-numbers page 1', 'get-valid-numbers/', { status: 'valid' }),
    ...listCase('list-numbers search=4155', 'list-numbers/?search=4155', { digits: '4155' }),
    { name: 'list-numbers page 10,000', api: () => http('list-numbers/?page=10000'), sql: () => listNumbers(ctx.pool, account.tenantId, {}, { limit: 50, offset: 499_950 }) },
  ];
  function listCase(name: string, path: string, filter: NumberFilter) {
    return [{ name, api: () => http(path), sql: () => listNumbers(ctx.pool, account.tenantId, filter, page1) }];
  }

  log(`${iterations} runs of each read after 2 warm-ups, over HTTP and as the bare SQL`);
  const figures: Record<string, { apiMs: number; sqlMs: number; apiP95Ms: number; sqlP95Ms: number }> = {};
  for (const c of cases) {
    const api = await sample(c.api, iterations);
    const sql = await sample(c.sql, iterations);
    figures[c.name] = { apiMs: api.median, sqlMs: sql.median, apiP95Ms: api.p95, sqlP95Ms: sql.p95 };
    reportFigure({ name: `read ${c.name} p95`, note: `median ${api.median.toFixed(1)} ms`, figure: api.p95, unit: 'ms', floor: sql.p95, floorLabel: 'the SQL alone', goal: { value: 50 }, growth: 'per-call' });
  }

  const csv = await downloadCsv(ctx);
  log(`CSV download, status=all: ${csv.lines.toLocaleString()} lines, ${(csv.bytes / 1e6).toFixed(1)} MB; API process RSS grew at most ${csv.rssGrowthMb.toFixed(1)} MB`);
  reportFigure({ name: 'read CSV download (status=all)', figure: csv.ms / 1000, unit: 's', growth: 'per-row' });
  return { rows, figures, csv };
}

/** INSERT … SELECT generate_series in number order: 4 area codes, 70% valid, 20% invalid, 10% pending, two projects, 30 days. */
async function seedNumbers(pool: pg.Pool, owner: { tenantId: number; userId: number }, count: number) {
  await pool.query(
    `insert into phone_numbers (tenant_id, user_id, project_id, number, area_code, status, carrier, line_type, validated_at, created_at)
     select $1, $2, case when g % 5 = 0 then '6' else '5' end, '+1' || ac || lpad((2000000 + g / 4)::text, 7, '0'), ac, st,
            case when st = 'valid' then (array['AT&T', 'Verizon', 'T-Mobile', 'US Cellular'])[g % 7 % 4 + 1] end,
            case when st = 'valid' then (array['mobile', 'mobile', 'mobile', 'landline', 'voip'])[g % 11 % 5 + 1] end,
            case when st <> 'pending' then now() end,
            now() - make_interval(days => g % 30)
       from generate_series(0, $3 - 1) g,
            lateral (select (array['415', '510', '650', '212'])[g % 4 + 1] as ac,
                            case when g % 10 < 7 then 'valid' when g % 10 < 9 then 'invalid' else 'pending' end as st) x
      order by ac, g`,
    [owner.tenantId, owner.userId, count],
  );
}

async function downloadCsv(ctx: PhoneReadsBenchContext) {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const res = await fetch(`${ctx.apiUrl}/api/phone-generator/download-numbers/?user_id=${ctx.account.userId}&status=all`, {
    headers: { authorization: `Token ${ctx.account.apiKey}` },
  });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  return { bytes, lines, ms, rssGrowthMb: (peak - baseline) / 1e6 };
}

async function timed<T>(fn: () => Promise<T>) {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

async function sample(fn: () => Promise<unknown>, n: number): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 2; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push((await timed(fn)).ms);
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(n / 2)], p95: samples[Math.min(n - 1, Math.ceil(n * 0.95) - 1)] };
}
