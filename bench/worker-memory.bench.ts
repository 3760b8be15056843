/**
 * The worker's resident memory idle (started, both task queues polling, no job), beside a bare Node
 * process under tsx in the same run: just after start-up, and once settled (the SDK holds a parsed
 * copy of the workflow bundle per task queue for 10 s after start-up). Run it before the phone benches:
 * they print the peaks.
 */
import os from 'node:os';
import type { BenchInfra } from './support/infra.js';
import { bareNodeRssMb, rssMb } from './support/idle-rss.js';

export async function run(infra: BenchInfra) {
  const atStart = rssMb(infra.worker.pid);
  await new Promise((r) => setTimeout(r, 15_000));
  const settled = rssMb(infra.worker.pid);
  const floor = await bareNodeRssMb();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  infra.log(`\n== worker memory`);
  infra.log(`worker idle RSS after start-up: ${atStart.toFixed(0)} MB, floor (bare node + tsx) ${floor.toFixed(0)} MB, ratio ${(atStart / floor).toFixed(2)}×, goal < 250 MB (load ${load})`);
  infra.log(`worker idle RSS settled (15 s): ${settled.toFixed(0)} MB, floor ${floor.toFixed(0)} MB, ratio ${(settled / floor).toFixed(2)}×, goal < 250 MB (load ${load})`);
  return { atStartMb: atStart, settledMb: settled, floorMb: floor };
}
