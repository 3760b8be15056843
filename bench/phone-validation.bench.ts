/**
 * Validation of 1,000,000 pending numbers with the simulated lookup, end to end (API request → workflow
 * → every row updated), beside its floor measured in the same run — one in-database UPDATE of a copy of
 * the same pending rows setting the same columns — and a bare libphonenumber-js parse + isValid +
 * getType loop over the same numbers, and the worker's peak RSS.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { areaCodeSpace } from '../src/domain/phone/area-codes.js';
import { CandidateStream, hash32 } from '../src/domain/phone/candidate-stream.js';
import type { BenchInfra } from './support/infra.js';
import { reportFigure } from './support/report.js';
import { sampleRss } from './support/rss.js';
import { postJson, waitForTaskRow } from './support/task-wait.js';
import { updateFloorSeconds } from './support/validation-update-floor.js';

export interface ValidationBenchOptions {
  quantity?: number;
  batchSize?: number;
  areaCode?: string;
}

export async function run(infra: BenchInfra, opts: ValidationBenchOptions = {}) {
  const quantity = opts.quantity ?? 1_000_000;
  const batchSize = opts.batchSize ?? 10_000;
  const areaCode = opts.areaCode ?? '212';
  const account = await infra.account();
  const log = infra.log;
  log(`\n== phone validation: ${quantity.toLocaleString()} pending numbers of ${areaCode}, simulated lookup, batch_size ${batchSize.toLocaleString()}`);

  const numbers = drawNumbers(areaCode, quantity);
  await copyPending(infra, account, areaCode, numbers);
  await infra.pool.query('vacuum analyze phone_numbers');

  const updateSeconds = await updateFloorSeconds(infra.pool, account.tenantId, 'bench', numbers);
  log(`in-database UPDATE of a copy of the ${quantity.toLocaleString()} pending rows: ${updateSeconds.toFixed(2)} s`);

  const bare = bareLoop(numbers);
  log(`bare libphonenumber-js parse + isValid + getType: ${rate(quantity, bare.seconds)} numbers/s (${bare.valid.toLocaleString()} valid)`);

  const rss = sampleRss(infra.worker.pid);
  const started = performance.now();
  const res = await postJson(`${infra.apiUrl}/api/phone-generator/validate-numbers-enhanced/`, account.apiKey, {
    user_id: String(account.userId),
    project_id: 'bench',
    batch_size: batchSize,
  });
  if (res.status !== 202) throw new Error(`validate: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  const task = await waitForTaskRow(infra.pool, res.body.data.task_id);
  const seconds = (performance.now() - started) / 1000;
  const peak = rss.stop();
  const validated = Number(task.result.total_validated);
  if (validated !== quantity) throw new Error(`expected ${quantity} validated, task says ${validated}`);

  const e2eRate = quantity / seconds;
  const bareRate = quantity / bare.seconds;
  log(`${validated.toLocaleString()} rows validated, ${rate(quantity, seconds)} numbers/s end to end`);
  reportFigure({ name: 'validation end to end', figure: seconds, unit: 's', floor: updateSeconds, floorLabel: 'in-database UPDATE of the same rows', goal: { ratio: 1.5 }, growth: 'per-row' });
  // The bench's own target, a rate at least half the bare loop's, is a time within 2× of it.
  reportFigure({ name: 'validation end to end vs parse loop', figure: seconds, unit: 's', floor: bare.seconds, floorLabel: 'bare libphonenumber-js loop', goal: { ratio: 2 } });
  reportFigure({ name: 'validation worker peak RSS', figure: peak, unit: 'MB', goal: { value: 512 } });
  return { seconds, updateSeconds, bareSeconds: bare.seconds, ratio: e2eRate / bareRate, peakRssMb: peak };
}

function drawNumbers(areaCode: string, quantity: number): string[] {
  const stream = new CandidateStream(areaCodeSpace(areaCode), quantity, hash32('bench-validation'));
  const out: string[] = [];
  for (let p = 0; out.length < quantity && p < stream.length; p++) {
    const n = stream.at(p);
    if (n) out.push(n);
  }
  return out;
}

async function copyPending(infra: BenchInfra, account: { tenantId: number; userId: number }, areaCode: string, numbers: string[]) {
  const client = await infra.pool.connect();
  try {
    const prefix = `${account.tenantId}\tbench\t${account.userId}\t`;
    const suffix = `\t${areaCode}\n`;
    const chunks = function* () {
      for (let i = 0; i < numbers.length; i += 10_000) yield numbers.slice(i, i + 10_000).map((n) => prefix + n + suffix).join('');
    };
    await pipeline(Readable.from(chunks()), client.query(copyFrom(`copy phone_numbers (tenant_id, project_id, user_id, number, area_code) from stdin`)));
  } finally {
    client.release();
  }
}

function bareLoop(numbers: string[]): { seconds: number; valid: number } {
  const started = performance.now();
  let valid = 0;
  for (const n of numbers) {
    const parsed = parsePhoneNumberFromString(n);
    if (parsed?.isValid() && parsed.getType() !== undefined) valid++;
  }
  return { seconds: (performance.now() - started) / 1000, valid };
}

const rate = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString();
