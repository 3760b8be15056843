/**
 * The worker's resident memory idle (started, both task queues polling, no job), beside a bare Node
 * process under tsx in the same run. Run it before the phone benches: they print the peaks.
 */
import os from 'node:os';
import type { BenchInfra } from './support/infra.js';
import { bareNodeRssMb, rssMb } from './support/idle-rss.js';

export async function run(infra: BenchInfra) {
  await new Promise((r) => setTimeout(r, 3000));
  const idle = rssMb(infra.worker.pid);
  const floor = await bareNodeRssMb();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  infra.log(`\n== worker memory`);
  infra.log(`worker idle RSS: ${idle.toFixed(0)} MB, floor (bare node + tsx) ${floor.toFixed(0)} MB, ratio ${(idle / floor).toFixed(2)}×, goal < 250 MB (load ${load})`);
  return { idleMb: idle, floorMb: floor };
}
