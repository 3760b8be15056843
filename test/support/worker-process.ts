import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prebuiltWorkflowBundle } from '../../src/temporal/workflow-bundle/prebuilt.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** SIGKILL: the crash the reliability tests simulate. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `src/worker.ts` as a real second process and resolves once both task-queue workers poll. */
export async function startWorkerProcess(opts: { env: NodeJS.ProcessEnv; logFile: string }): Promise<WorkerProcess> {
  await prebuiltWorkflowBundle(); // a stale bundle is rebuilt here, outside the start-up timeout below
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/worker.ts')], {
    cwd: root,
    // MALLOC_ARENA_MAX as the production image sets it (Dockerfile), so benches measure the same process.
    env: { MALLOC_ARENA_MAX: '2', ...opts.env, LOG_LEVEL: 'info', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`worker did not start within 90s; log: ${opts.logFile}`)), 90_000);
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes('worker running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with code ${code} before starting; log: ${opts.logFile}\n${seen.slice(-2000)}`));
    });
  });
  return {
    pid: child.pid!,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}
