import type pg from 'pg';
import type { CandidateStream } from '../../domain/phone/candidate-stream.js';
import type { CachedLookup } from '../../db/phone/lookup-cache.js';
import type { LookupAnswer } from '../../domain/phone/lookup-provider.js';
import { matchesFilters, type NumberFilters } from '../../domain/phone/number-filters.js';

/** Where one generation task writes and what it draws from. */
export interface GenerationTarget {
  taskId: string;
  tenantId: number;
  userId: number;
  projectId: string;
  areaCode: string;
  stream: CandidateStream;
  /** Stream positions past this are never drawn (the filtered-scan bound, or the stream's end). */
  limit: number;
  filters: NumberFilters | null;
  lookup: CachedLookup;
  heartbeat: () => void;
}

export interface BatchDraw {
  cursor: number;
  generated: number;
  lookedUp: number;
}

interface Candidate {
  number: string;
  position: number;
}

/**
 * What phone_numbers' foreign keys guaranteed, once per batch instead of once per row: the batch's
 * tenant and user exist, and stay until it commits (a key-share lock, as a foreign key check takes).
 */
export async function lockBatchOwner(client: pg.PoolClient, t: Pick<GenerationTarget, 'tenantId' | 'userId'>): Promise<void> {
  const { rowCount } = await client.query(`select 1 from tenants t, users u where t.id = $1 and u.id = $2 for key share`, [t.tenantId, t.userId]);
  if (!rowCount) throw new Error(`generation batch: tenant ${t.tenantId} or user ${t.userId} no longer exists`);
}

/** Draws candidates from `cursor` on until `want` are stored or the stream (or its bound) runs out. */
export async function drawBatch(client: pg.PoolClient, t: GenerationTarget, cursor: number, want: number): Promise<BatchDraw> {
  const draw: BatchDraw = { cursor, generated: 0, lookedUp: 0 };
  while (draw.generated < want && draw.cursor < t.limit) {
    if (t.filters) await drawFiltered(client, t, draw, want - draw.generated);
    else await drawPlain(client, t, draw, want - draw.generated);
  }
  return draw;
}

function nextCandidates(t: GenerationTarget, draw: BatchDraw, count: number): Candidate[] {
  const out: Candidate[] = [];
  while (out.length < count && draw.cursor < t.limit) {
    const number = t.stream.at(draw.cursor);
    if (number !== null) out.push({ number, position: draw.cursor });
    draw.cursor++;
  }
  return out;
}

/** Exactly `missing` candidates at a time, so the cursor stops right after the last one stored. */
async function drawPlain(client: pg.PoolClient, t: GenerationTarget, draw: BatchDraw, missing: number) {
  const numbers = nextCandidates(t, draw, missing).map((c) => c.number).sort();
  if (!numbers.length) return;
  const { rowCount } = await client.query(
    `insert into phone_numbers (tenant_id, project_id, user_id, number, area_code, generation_task_id)
     select $1, $2, $3, n, $4, $5 from unnest($6::text[]) as n
     on conflict on constraint phone_numbers_unique_per_project do nothing`,
    [t.tenantId, t.projectId, t.userId, t.areaCode, t.taskId, numbers],
  );
  draw.generated += rowCount ?? 0;
}

/**
 * Looks a group of candidates up (skipping numbers the project already holds), keeps the matching ones
 * in stream order and moves the cursor just past the last one kept; unkept answers stay cached.
 */
async function drawFiltered(client: pg.PoolClient, t: GenerationTarget, draw: BatchDraw, missing: number) {
  const group = nextCandidates(t, draw, Math.min(5_000, Math.max(200, missing * 8)));
  if (!group.length) return;
  const { rows } = await client.query<{ number: string }>(
    `select number from phone_numbers where tenant_id = $1 and project_id = $2 and number = any($3::text[])`,
    [t.tenantId, t.projectId, group.map((c) => c.number)],
  );
  const held = new Set(rows.map((r) => r.number));
  const fresh = group.filter((c) => !held.has(c.number));
  const { answers, asked, stored } = await t.lookup.lookup(fresh.map((c) => c.number), { onProgress: t.heartbeat });
  draw.lookedUp += asked;
  const kept = fresh.filter((c) => matchesFilters(answers.get(c.number)!, t.filters!)).slice(0, missing);
  if (kept.length === missing) draw.cursor = kept[kept.length - 1].position + 1;
  const chosen = kept.map((c) => answers.get(c.number)!).sort((a, b) => (a.number < b.number ? -1 : 1));
  const [inserted] = await Promise.all([chosen.length ? insertLookedUp(client, t, chosen) : 0, stored]);
  draw.generated += inserted;
}

async function insertLookedUp(client: pg.PoolClient, t: GenerationTarget, answers: LookupAnswer[]): Promise<number> {
  const { rowCount } = await client.query(
    `insert into phone_numbers (tenant_id, project_id, user_id, number, area_code, generation_task_id,
                                status, carrier, line_type, lookup_source, validated_at)
     select $1, $2, $3, n, $4, $5, 'valid', c, lt, $6, now() from unnest($7::text[], $8::text[], $9::text[]) as u(n, c, lt)
     on conflict on constraint phone_numbers_unique_per_project do nothing`,
    [t.tenantId, t.projectId, t.userId, t.areaCode, t.taskId, t.lookup.source, answers.map((a) => a.number), answers.map((a) => a.carrier), answers.map((a) => a.lineType)],
  );
  return rowCount ?? 0;
}
