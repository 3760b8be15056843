/**
 * `npm run bench [-- name …]`: starts the infrastructure (bench/support/infra.ts) once per durability
 * setting and runs each bench in the list, or only those named, the row benches once per quantity
 * (bench/support/run-options.ts). Every figure is one line (bench/support/report.ts), also written to
 * bench/results/latest.json; figures are printed, never asserted.
 */
import os from 'node:os';
import { startBenchInfra, type BenchInfra } from './support/infra.js';
import { reportGrowth } from './support/growth.js';
import { reportedFigures, setReportContext } from './support/report.js';
import { RESULTS_FILE, writeResults } from './support/results-file.js';
import { benchDurabilities, benchQuantities } from './support/run-options.js';

export interface BenchEntry {
  name: string;
  /** Sized by BENCH_QUANTITY, so run once per quantity. */
  rows: boolean;
  run(infra: BenchInfra, quantity: number | undefined): Promise<unknown>;
}

const benches: BenchEntry[] = [
  { name: 'worker-memory', rows: false, run: async (infra) => (await import('./worker-memory.bench.js')).run(infra) },
  { name: 'phone-generation', rows: true, run: async (infra, quantity) => (await import('./phone-generation.bench.js')).run(infra, { quantity }) },
  { name: 'phone-validation', rows: true, run: async (infra, quantity) => (await import('./phone-validation.bench.js')).run(infra, { quantity }) },
  { name: 'campaign', rows: false, run: async (infra) => (await import('./campaign.bench.js')).run(infra) },
  { name: 'campaign-pacing', rows: false, run: async (infra) => (await import('./campaign-pacing.bench.js')).run(infra) },
  {
    name: 'phone-reads',
    rows: true,
    run: async (infra, rows) =>
      (await import('./phone-reads.bench.js')).run({ pool: infra.pool, apiUrl: infra.apiUrl, account: await infra.account(), neighbour: await infra.account(), rows, log: (l) => infra.log(l) }),
  },
  {
    name: 'contacts-list',
    rows: true,
    run: async (infra, rows) =>
      (await import('./contacts-list.bench.js')).run({ pool: infra.pool, apiUrl: infra.apiUrl, account: await infra.account(), neighbour: await infra.account(), rows, log: (l) => infra.log(l) }),
  },
  {
    name: 'contact-import',
    rows: true,
    run: async (infra, rows) =>
      (await import('./contact-import.bench.js')).run({
        pool: infra.pool,
        apiUrl: infra.apiUrl,
        account: await infra.account(),
        workerPid: infra.worker.pid,
        scratchDir: infra.scratch,
        rows,
        log: (l) => infra.log(l),
      }),
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !benches.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length ? benches.filter((b) => wanted.includes(b.name)) : benches;
const durabilities = benchDurabilities(process.env);
const quantities = benchQuantities(process.env);
const run = { startedAt: new Date().toISOString(), settings: [] as string[], quantities };

let failed = false;
for (const durability of durabilities) {
  const infra = await startBenchInfra({ durability });
  const settings = `fsync=${infra.settings.fsync} synchronous_commit=${infra.settings.synchronous_commit}`;
  run.settings.push(settings);
  const sizes = quantities.map((q) => (q === undefined ? "each bench's default" : q.toLocaleString('en-US'))).join(', ');
  console.log(`\n# bench run: ${settings} (asked: ${durability}) | rows: ${sizes} | load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} | ${os.cpus().length} CPUs`);
  console.log('# name | figure | floor | ratio | goal | met/short | load avg');
  try {
    for (const bench of selected) {
      for (const quantity of bench.rows ? quantities : [undefined]) {
        setReportContext({ bench: bench.name, quantity, durability: settings }, (line) => infra.log(line));
        infra.log(`\n== ${bench.name}${quantity ? ` at ${quantity.toLocaleString('en-US')} rows` : ''}, ${settings}`);
        try {
          await bench.run(infra, quantity);
        } catch (err) {
          failed = true;
          console.error(`bench ${bench.name} failed: ${(err as Error).stack}`);
        }
        writeResults(run, reportedFigures());
      }
    }
    if (quantities.length > 1) {
      infra.log(`\n== growth, ${settings}`);
      reportGrowth(reportedFigures(), settings);
      writeResults(run, reportedFigures());
    }
  } finally {
    await infra.stop();
  }
}
console.log(`\nfigures written to ${RESULTS_FILE}`);
process.exit(failed ? 1 : 0);
