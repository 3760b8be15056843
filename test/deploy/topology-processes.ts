import type { ChildProcess } from 'node:child_process';
import { freePort } from '../../src/dev/temporal-dev-server.js';
import { eventually } from '../support/eventually.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { environmentOf, exited, onThisMachine, runScript } from './compose-file.js';

/**
 * The compose services as processes on this machine: each runs its service's command with its
 * service's environment, against this run's PostgreSQL and Temporal, on task queues of its own
 * (`TASK_QUEUE_PREFIX`) so the run's shared worker never takes their jobs.
 */
export interface ApiProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startApiProcess(local: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = runScript('src/server.ts', onThisMachine(environmentOf('api'), { ...local, PORT: String(port), LOG_LEVEL: 'warn' }));
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d));
  child.stdout!.on('data', (d: Buffer) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const read = async () => ({
    healthy: await fetch(`${url}/api/health/`).then((r) => r.ok, () => false),
    exited: child.exitCode !== null,
  });
  const state = await eventually(read, (r) => r.healthy || r.exited, { timeout: 90_000, interval: 250, what: `the API on port ${port} to answer healthy` });
  if (!state.healthy) throw new Error(`API process exited before serving:\n${log.slice(-3000)}`);
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** `worker-bulk` or `worker-messaging`, as a process that resolves once its workers poll. */
export function startWorkerService(service: 'worker-bulk' | 'worker-messaging', local: Record<string, string>, logFile: string): Promise<WorkerProcess> {
  const env = onThisMachine(environmentOf(service), local);
  return startWorkerProcess({ env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env }, logFile });
}
