/**
 * Contact import end to end at a million rows: the chunked upload over HTTP, then the import workflow
 * on a separate worker process, beside a raw COPY of the same file into a plain table in the same run.
 * Prints rows/s, the ratio to the raw COPY (target within 3×) and the worker's peak RSS (target < 512 MB).
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CONTACT_CSV_COLUMNS, writeContactCsv } from './contact-import-data.js';
import { reportFigure } from './support/report.js';
import { sampleRss } from './support/rss.js';

export interface ContactImportBenchContext {
  pool: pg.Pool;
  apiUrl: string;
  account: { tenantId: number; userId: number; apiKey: string };
  /** The worker process that runs the import; its memory is read from /proc. */
  workerPid: number;
  /** A folder for the generated CSV. */
  scratchDir: string;
  rows?: number;
  chunkBytes?: number;
  log?: (line: string) => void;
}

export async function run(ctx: ContactImportBenchContext) {
  const log = ctx.log ?? ((line: string) => console.log(line));
  const rows = ctx.rows ?? 1_000_000;
  const file = path.join(ctx.scratchDir, 'contacts-bench.csv');
  const bytes = await writeContactCsv(file, rows);
  log(`generated ${rows.toLocaleString()} rows, ${(bytes / 1e6).toFixed(1)} MB (${Math.round(bytes / rows)} bytes a row)`);

  const { rawMs, indexedMs } = await baselines(ctx.pool, file);

  const memory = sampleRss(ctx.workerPid);
  const idleMb = memory.peakMb();
  const started = performance.now();
  const uploadId = await uploadFile(ctx, file, bytes, ctx.chunkBytes ?? 16 * 1024 * 1024);
  const uploadedMs = performance.now() - started;
  const taskId = await complete(ctx, uploadId);
  const view = await waitForImport(ctx, uploadId);
  const totalMs = performance.now() - started;
  const peakMb = memory.stop();
  const timing = (await ctx.pool.query<{ ms: number }>(`select extract(epoch from completed_at - started_at) * 1000 as ms from tasks where task_id = $1`, [taskId])).rows[0];

  const result = view.import.result;
  log(`upload over HTTP ${(uploadedMs / 1000).toFixed(1)} s (${(bytes / 1e6 / (uploadedMs / 1000)).toFixed(0)} MB/s); result ${JSON.stringify({ created: result.created, updated: result.updated, skipped: result.skipped, rejected: result.rejected, total_rows: result.total_rows })}`);
  const rawLabel = 'COPY of the file into a plain table';
  reportFigure({ name: 'import end to end', figure: totalMs / 1000, unit: 's', floor: rawMs / 1000, floorLabel: rawLabel, goal: { ratio: 3 }, growth: 'per-row' });
  reportFigure({ name: 'import end to end rate', figure: rows / (totalMs / 1000), unit: 'rows/s', floor: rows / (rawMs / 1000), floorLabel: rawLabel, goal: { value: 13_000 }, higherIsBetter: true });
  reportFigure({ name: 'import workflow alone', figure: timing.ms / 1000, unit: 's', floor: indexedMs / 1000, floorLabel: 'INSERT … SELECT into a copy of contacts with its indexes' });
  reportFigure({ name: 'import worker RSS idle', figure: idleMb, unit: 'MB', goal: { value: 250 } });
  reportFigure({ name: 'import worker peak RSS', figure: peakMb, unit: 'MB', goal: { value: 512 } });
  await fs.rm(file, { force: true });
  return { rows, bytes, rawMs, indexedMs, uploadMs: uploadedMs, importMs: timing.ms, totalMs, ratio: totalMs / rawMs, importRatio: timing.ms / rawMs, idleRssMb: idleMb, peakRssMb: peakMb, result };
}

/**
 * The two yardsticks: COPY of the file into a plain text table, and the cost the contacts table's own
 * indexes impose whatever the importer does (INSERT … SELECT of the same rows into a copy of it).
 */
async function baselines(pool: pg.Pool, file: string): Promise<{ rawMs: number; indexedMs: number }> {
  const client = await pool.connect();
  try {
    const columns = CONTACT_CSV_COLUMNS.map((_, i) => `c${i} text`).join(', ');
    await client.query(`drop table if exists bench_raw_contacts; create table bench_raw_contacts (${columns})`);
    let t = performance.now();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(`copy bench_raw_contacts from stdin (format csv, header true)`)));
    const rawMs = performance.now() - t;
    await client.query(`drop table if exists bench_indexed_contacts; create table bench_indexed_contacts (like contacts including all)`);
    t = performance.now();
    await client.query(
      `insert into bench_indexed_contacts (tenant_id, first_name, last_name, email, phone_e164, company, title, city, state, country, industry, employees, website)
       select 1, c0, c1, c2, '+1' || regexp_replace(c3, '\\D', '', 'g'), c4, c5, c6, c7, c8, c9, c10::int, c11 from bench_raw_contacts order by 5`,
    );
    const indexedMs = performance.now() - t;
    await client.query(`drop table bench_raw_contacts; drop table bench_indexed_contacts`);
    return { rawMs, indexedMs };
  } finally {
    client.release();
  }
}

/** Seed 001's client: init, then each chunk as multipart/form-data, one after another. */
async function uploadFile(ctx: ContactImportBenchContext, file: string, bytes: number, chunkBytes: number): Promise<string> {
  const totalChunks = Math.ceil(bytes / chunkBytes);
  const init = await api(ctx, 'POST', '/api/upload/init/', JSON.stringify({ fileName: 'contacts-bench.csv', fileSize: bytes, totalChunks }), 'application/json');
  const handle = await fs.open(file, 'r');
  try {
    for (let i = 0; i < totalChunks; i++) {
      const buf = Buffer.alloc(Math.min(chunkBytes, bytes - i * chunkBytes));
      await handle.read(buf, 0, buf.length, i * chunkBytes);
      const form = new FormData();
      form.append('uploadId', init.uploadId);
      form.append('chunkIndex', String(i));
      form.append('chunk', new Blob([buf]), 'chunk');
      await api(ctx, 'POST', '/api/upload/chunk/', form);
    }
  } finally {
    await handle.close();
  }
  return init.uploadId;
}

async function complete(ctx: ContactImportBenchContext, uploadId: string): Promise<string> {
  return (await api(ctx, 'POST', '/api/upload/complete/', JSON.stringify({ uploadId }), 'application/json')).task_id;
}

async function waitForImport(ctx: ContactImportBenchContext, uploadId: string) {
  for (;;) {
    const view = await api(ctx, 'GET', `/api/upload/${uploadId}/`);
    if (view.import?.status === 'completed') return view;
    if (['failed', 'cancelled'].includes(view.import?.status)) throw new Error(`import ended ${view.import.status}: ${view.import.error}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function api(ctx: ContactImportBenchContext, method: string, urlPath: string, body?: string | FormData, contentType?: string) {
  const headers: Record<string, string> = { authorization: `Token ${ctx.account.apiKey}` };
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(ctx.apiUrl + urlPath, { method, headers, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${urlPath}: HTTP ${res.status} ${text}`);
  return JSON.parse(text);
}
