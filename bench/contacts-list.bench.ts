/**
 * Seed 001 contact list at a million contacts: the list with three filters (industry, location,
 * min_employees) from 50 concurrent HTTP clients for ~10 s — requests/s and p95 — beside the same
 * two statements (page + count) run straight on PostgreSQL at the pool's concurrency.
 * Run: npm run bench contacts-list (BENCH_QUANTITY=20000 for a quick look).
 */
import type pg from 'pg';
import { b2bWhere, type B2bFilter } from '../src/db/contacts/b2b-filter.js';
import { messagingWhere } from '../src/db/contacts/messaging-filter.js';
import { listContacts } from '../src/db/contacts/contact-list.js';
import { B2B_LIST_COLUMNS } from '../src/domain/contacts/contact-views.js';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../src/domain/identity/secrets.js';
import { reportFigure } from './support/report.js';

export interface ContactsListBenchContext {
  pool: pg.Pool;
  apiUrl: string;
  /** The tenant the bench fills; its API key authenticates the HTTP calls. */
  account: { tenantId: number; userId: number; apiKey: string };
  /** Another tenant, so tenant scoping has rows to skip. */
  neighbour: { tenantId: number; userId: number };
  rows?: number;
  seconds?: number;
  concurrency?: number;
  log?: (line: string) => void;
}

const QUERY = 'industry=Technology&location=new+york&min_employees=100';
const FILTER: B2bFilter = { industries: ['Technology'], location: 'new york', minEmployees: 100 };
/** Seed 004's own example search (its "Contact Management" snippet), a page of 20. */
const SEARCH = 'john';

export async function run(ctx: ContactsListBenchContext) {
  const log = ctx.log ?? ((line: string) => console.log(line));
  const rows = ctx.rows ?? 1_000_000;
  const seconds = ctx.seconds ?? 10;
  const concurrency = ctx.concurrency ?? 50;

  const started = performance.now();
  await seedContacts(ctx.pool, ctx.account.tenantId, rows);
  const seedSeconds = (performance.now() - started) / 1000;
  await seedContacts(ctx.pool, ctx.neighbour.tenantId, Math.round(rows / 10));
  await ctx.pool.query('vacuum analyze contacts');
  log(`seeded ${rows.toLocaleString()} contacts in one INSERT … SELECT generate_series: ${seedSeconds.toFixed(1)} s (+${Math.round(rows / 10).toLocaleString()} for a neighbour tenant)`);

  const url = `${ctx.apiUrl}/api/api/contacts/?${QUERY}`;
  const headers = { cookie: `sessionid=${await openSession(ctx.pool, ctx.account.userId)}` };
  const first = await fetch(url, { headers });
  const body = (await first.json()) as { count: number };
  if (first.status !== 200) throw new Error(`list: HTTP ${first.status} ${JSON.stringify(body)}`);
  log(`GET /api/api/contacts/?${QUERY} → count ${body.count.toLocaleString()}`);

  const api = await load(concurrency, seconds, async () => {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  });
  const where = () => b2bWhere(ctx.account.tenantId, FILTER);
  const sqlConcurrency = Math.max(1, Math.floor(((ctx.pool as unknown as { options: { max?: number } }).options.max ?? 10) / 2));
  const sql = await load(sqlConcurrency, seconds, () => listContacts(ctx.pool, where(), B2B_LIST_COLUMNS, { limit: 50, offset: 0 }));
  const single = await load(1, 3, () => listContacts(ctx.pool, where(), B2B_LIST_COLUMNS, { limit: 50, offset: 0 }));

  // Goal 1: one client at a time, over HTTP, beside the same SQL from one client.
  const oneList = await load(1, seconds / 2, async () => {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  });
  const searchUrl = `${ctx.apiUrl}/api/messaging/contacts/?search=${SEARCH}&page_size=20`;
  const found = await fetch(searchUrl, { headers });
  const foundBody = (await found.json()) as { data?: { count: number } };
  if (found.status !== 200) throw new Error(`search: HTTP ${found.status} ${JSON.stringify(foundBody)}`);
  log(`GET /api/messaging/contacts/?search=${SEARCH} → count ${foundBody.data?.count.toLocaleString()}`);
  const oneSearch = await load(1, seconds / 2, async () => {
    const res = await fetch(searchUrl, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  });
  const searchSql = await load(1, 3, () => listContacts(ctx.pool, messagingWhere(ctx.account.tenantId, { search: SEARCH }), 'c.*', { limit: 20, offset: 0 }));

  log(`HTTP API p50 ${api.p50.toFixed(1)} ms, ${api.errors} errors; SQL page + count from 1 client: ${single.perSecond.toFixed(0)} req/s, p50 ${single.p50.toFixed(1)} ms, p95 ${single.p95.toFixed(1)} ms`);
  reportFigure({ name: 'contacts list p95, three filters, 1 client', figure: oneList.p95, unit: 'ms', floor: single.p95, floorLabel: 'SQL page + count, 1 client', goal: { value: 50 }, growth: 'per-call' });
  reportFigure({ name: `contacts search p95 (seed 004, search=${SEARCH}), 1 client`, figure: oneSearch.p95, unit: 'ms', floor: searchSql.p95, floorLabel: 'SQL page + count, 1 client', goal: { value: 50 }, growth: 'per-call' });
  const floorLabel = `SQL page + count, ${sqlConcurrency} clients`;
  reportFigure({ name: `contacts list throughput, ${concurrency} clients`, figure: api.perSecond, unit: 'req/s', floor: sql.perSecond, floorLabel, goal: { value: 300 }, higherIsBetter: true });
  reportFigure({ name: `contacts list p95, ${concurrency} clients`, figure: api.p95, unit: 'ms', floor: sql.p95, floorLabel, goal: { value: 250 }, growth: 'per-call' });
  return { rows, seedSeconds, count: body.count, api, sql, single, oneList, oneSearch, searchSql };
}

/**
 * Seed 001's own credential, the session cookie. (An API key would also work, but every API-key request
 * updates api_keys.last_used_at, so 50 clients sharing one key queue on that row's lock.)
 */
async function openSession(pool: pg.Pool, userId: number): Promise<string> {
  const token = randomBytes(32).toString('hex');
  await pool.query(`insert into sessions (user_id, token_hash, expires_at) values ($1, $2, now() + interval '1 hour')`, [userId, sha256(token)]);
  return token;
}

export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
}

/** `clients` loops calling `fn` back to back until `seconds` pass; bounded in time, local only. */
async function load(clients: number, seconds: number, fn: () => Promise<unknown>): Promise<LoadResult> {
  const samples: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          await fn();
          samples.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))] ?? NaN;
  return { requests: samples.length, errors, perSecond: samples.length / elapsed, p50: pct(0.5), p95: pct(0.95) };
}

/**
 * One INSERT … SELECT generate_series, emails in key order (a unique index fills fastest in order):
 * 27 industries, 12 cities, employee counts 1–10,000, revenue, 60% verified, three technologies each.
 */
export async function seedContacts(pool: pg.Pool, tenantId: number, count: number) {
  await pool.query(
    `insert into contacts (tenant_id, first_name, last_name, title, email, email_status, company, industry, employees,
                           annual_revenue, city, state, country, person_linkedin_url, technologies, keywords, created_at)
     select $1,
            (array['John','Mary','James','Patricia','Robert','Jennifer','Michael','Linda','William','Elizabeth','David','Susan',
                   'Richard','Jessica','Joseph','Sarah','Thomas','Karen','Amina','Juma'])[g % 20 + 1],
            (array['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez','Martinez','Hernandez',
                   'Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor','Moore','Mwangi','Okafor'])[g / 20 % 20 + 1],
            (array['CEO','CTO','VP Sales','Engineer','Marketing Manager','Founder'])[g % 6 + 1],
            'c' || lpad(g::text, 8, '0') || '@' || $3 || '.example.com',
            case when g % 10 < 6 then 'Verified' else 'Unverified' end,
            'Company ' || (g % 50000),
            i.name,
            (g::bigint * 7919) % 10000 + 1,
            ((g::bigint * 104729) % 1000000) * 100,
            loc.city, loc.state, loc.country,
            case when g % 3 = 0 then 'https://linkedin.com/in/c' || g end,
            (array['Python','React','Java','Go','Rust','Salesforce','HubSpot','AWS','Azure','Kubernetes'])[g % 10 + 1] || ', ' ||
            (array['PostgreSQL','MySQL','MongoDB','Redis','Kafka','Snowflake','Tableau'])[g % 7 + 1] || ', ' ||
            (array['Slack','Zoom','Jira','Figma','Notion'])[g % 5 + 1],
            'b2b, saas',
            now() - make_interval(days => g % 365)
       from generate_series(0, $2 - 1) g
       join (select row_number() over (order by name) - 1 as k, name from industries) i on i.k = g % (select count(*) from industries)
       cross join lateral (select (array['New York','Boston','Chicago','San Francisco','Austin','Seattle','London','Manchester','Nairobi','Dar es Salaam','Berlin','Toronto'])[g % 12 + 1] as city,
                                  (array['NY','MA','IL','CA','TX','WA','England','England','Nairobi','Dar es Salaam','Berlin','ON'])[g % 12 + 1] as state,
                                  (array['USA','USA','USA','USA','USA','USA','UK','UK','Kenya','Tanzania','Germany','Canada'])[g % 12 + 1] as country) loc
      order by g`,
    [tenantId, count, `t${tenantId}`],
  );
}
