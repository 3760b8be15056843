import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A process's resident set size now, in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

/** The floor for a worker's idle memory: a Node process under tsx that loads nothing and waits. */
export async function bareNodeRssMb(): Promise<number> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '-e', 'setTimeout(() => {}, 60_000); process.stdout.write("up\\n")'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, 500));
  const mb = rssMb(child.pid!);
  child.kill();
  return mb;
}
