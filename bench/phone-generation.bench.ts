/**
 * Generation of 1,000,000 numbers end to end — API request → workflow → every row committed — beside its
 * floor measured in the same run, a raw COPY of 1,000,000 equivalent rows (the same numbers, sorted) into
 * a table with only the primary key and the uniqueness constraint; beside a COPY of them into an
 * identical table (every index and foreign key) as a second line; and the worker's peak RSS sampled
 * from /proc while it works.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { areaCodeSpace } from '../src/domain/phone/area-codes.js';
import { CandidateStream, hash32 } from '../src/domain/phone/candidate-stream.js';
import type { BenchInfra } from './support/infra.js';
import { reportFigure } from './support/report.js';
import { sampleRss } from './support/rss.js';
import { postJson, waitForTaskRow } from './support/task-wait.js';

export interface GenerationBenchOptions {
  quantity?: number;
  batchSize?: number;
  areaCode?: string;
}

export async function run(infra: BenchInfra, opts: GenerationBenchOptions = {}) {
  const quantity = opts.quantity ?? 1_000_000;
  const batchSize = opts.batchSize ?? 10_000;
  const areaCode = opts.areaCode ?? '415';
  const account = await infra.account();
  const log = infra.log;
  log(`\n== phone generation: ${quantity.toLocaleString()} numbers of ${areaCode}, batch_size ${batchSize.toLocaleString()}`);

  const numbers = sortedNumbers(areaCode, quantity);
  const keysOnlySeconds = await rawCopy(infra, account, areaCode, numbers, 'keys only');
  const copySeconds = await rawCopy(infra, account, areaCode, numbers, 'identical');
  log(`COPY of ${quantity.toLocaleString()} sorted rows: ${keysOnlySeconds.toFixed(2)} s with the primary key and uniqueness only, ${copySeconds.toFixed(2)} s into an identical table`);

  const rss = sampleRss(infra.worker.pid);
  const started = performance.now();
  const res = await postJson(`${infra.apiUrl}/api/phone-generator/generate-numbers-enhanced/`, account.apiKey, {
    user_id: String(account.userId),
    project_id: 'bench',
    area_code: areaCode,
    quantity,
    batch_size: batchSize,
  });
  if (res.status !== 202) throw new Error(`generate: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  const task = await waitForTaskRow(infra.pool, res.body.data.task_id);
  const seconds = (performance.now() - started) / 1000;
  const peak = rss.stop();
  const { rows } = await infra.pool.query<{ n: number }>(`select count(*)::int as n from phone_numbers where generation_task_id = $1`, [res.body.data.task_id]);
  if (rows[0].n !== quantity) throw new Error(`expected ${quantity} rows, found ${rows[0].n}`);

  log(`${rows[0].n.toLocaleString()} rows committed, ${rate(quantity, seconds)} numbers/s end to end, ${((task.completed_at.getTime() - task.started_at.getTime()) / 1000).toFixed(2)} s of it in the workflow`);
  reportFigure({ name: 'generation end to end', figure: seconds, unit: 's', floor: keysOnlySeconds, floorLabel: 'COPY into a table with only the primary key and uniqueness', goal: { ratio: 2.5 }, growth: 'per-row' });
  reportFigure({ name: 'generation end to end vs identical table', figure: seconds, unit: 's', floor: copySeconds, floorLabel: 'old floor: COPY into an identical table', goal: { ratio: 2.5 } });
  reportFigure({ name: 'generation worker peak RSS', figure: peak, unit: 'MB', goal: { value: 512 } });
  return { seconds, keysOnlySeconds, copySeconds, ratio: seconds / keysOnlySeconds, peakRssMb: peak };
}

/** The same numbers the task would draw (round 0 of its stream), sorted. */
function sortedNumbers(areaCode: string, quantity: number): string[] {
  const stream = new CandidateStream(areaCodeSpace(areaCode), quantity, hash32('bench-copy'));
  const numbers: string[] = [];
  for (let p = 0; numbers.length < quantity && p < stream.length; p++) {
    const n = stream.at(p);
    if (n) numbers.push(n);
  }
  return numbers.sort();
}

/** Which table the COPY fills: phone_numbers' primary key and uniqueness alone, or every index and foreign key too. */
type CopyTable = 'keys only' | 'identical';

const createCopyTable: Record<CopyTable, string[]> = {
  'keys only': [
    `create table bench_copy_phone_numbers (like phone_numbers including defaults including identity)`,
    `alter table bench_copy_phone_numbers add primary key (id), add unique (tenant_id, project_id, number)`,
  ],
  identical: [
    `create table bench_copy_phone_numbers (like phone_numbers including all)`,
    `alter table bench_copy_phone_numbers add foreign key (tenant_id) references tenants(id) on delete cascade,
                                          add foreign key (user_id) references users(id) on delete cascade`,
  ],
};

/** The numbers COPYed in one statement into a fresh table of the given shape; only the COPY is timed. */
async function rawCopy(infra: BenchInfra, account: { tenantId: number; userId: number }, areaCode: string, numbers: string[], table: CopyTable): Promise<number> {
  const client = await infra.pool.connect();
  try {
    await client.query(`drop table if exists bench_copy_phone_numbers`);
    for (const sql of createCopyTable[table]) await client.query(sql);
    const prefix = `${account.tenantId}\tcopy\t${account.userId}\t`;
    const suffix = `\t${areaCode}\tbench-copy\n`;
    const chunks = function* () {
      for (let i = 0; i < numbers.length; i += 10_000) yield numbers.slice(i, i + 10_000).map((n) => prefix + n + suffix).join('');
    };
    const started = performance.now();
    await pipeline(
      Readable.from(chunks()),
      client.query(copyFrom(`copy bench_copy_phone_numbers (tenant_id, project_id, user_id, number, area_code, generation_task_id) from stdin`)),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.query(`drop table bench_copy_phone_numbers`);
    return seconds;
  } finally {
    client.release();
  }
}

const rate = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString();
