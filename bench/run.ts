/**
 * `npm run bench [-- name …]`: starts the infrastructure once (bench/support/infra.ts) and runs each
 * bench in the list, or only those named. Figures are printed, never asserted.
 * BENCH_QUANTITY scales the phone benches down for a quick look (default 1,000,000).
 */
import { startBenchInfra, type BenchInfra } from './support/infra.js';

export interface BenchEntry {
  name: string;
  run(infra: BenchInfra): Promise<unknown>;
}

const quantity = process.env.BENCH_QUANTITY ? Number(process.env.BENCH_QUANTITY) : undefined;

const benches: BenchEntry[] = [
  { name: 'worker-memory', run: async (infra) => (await import('./worker-memory.bench.js')).run(infra) },
  { name: 'phone-generation', run: async (infra) => (await import('./phone-generation.bench.js')).run(infra, { quantity }) },
  { name: 'phone-validation', run: async (infra) => (await import('./phone-validation.bench.js')).run(infra, { quantity }) },
  { name: 'campaign', run: async (infra) => (await import('./campaign.bench.js')).run(infra) },
  {
    name: 'phone-reads',
    run: async (infra) =>
      (await import('./phone-reads.bench.js')).run({ pool: infra.pool, apiUrl: infra.apiUrl, account: await infra.account(), neighbour: await infra.account(), rows: quantity, log: (l) => infra.log(l) }),
  },
  {
    name: 'contacts-list',
    run: async (infra) =>
      (await import('./contacts-list.bench.js')).run({ pool: infra.pool, apiUrl: infra.apiUrl, account: await infra.account(), neighbour: await infra.account(), rows: quantity, log: (l) => infra.log(l) }),
  },
  {
    name: 'contact-import',
    run: async (infra) =>
      (await import('./contact-import.bench.js')).run({
        pool: infra.pool,
        apiUrl: infra.apiUrl,
        account: await infra.account(),
        workerPid: infra.worker.pid,
        scratchDir: infra.scratch,
        rows: quantity,
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

const infra = await startBenchInfra();
let failed = false;
try {
  for (const bench of selected) {
    try {
      await bench.run(infra);
    } catch (err) {
      failed = true;
      console.error(`bench ${bench.name} failed: ${(err as Error).stack}`);
    }
  }
} finally {
  await infra.stop();
}
process.exit(failed ? 1 : 0);
