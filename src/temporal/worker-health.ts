import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@temporalio/worker';

export interface WorkerHealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The worker process's probes for an orchestrator: `/health/live` answers while the process runs;
 * `/health/ready` answers 200 while every task-queue worker is RUNNING (polling), and 503 before it
 * starts and from the moment it begins to shut down. Both name each queue's state.
 */
export async function startWorkerHealthServer(port: number, workers: Worker[]): Promise<WorkerHealthServer> {
  const states = () => Object.fromEntries(workers.map((w) => [w.options.taskQueue, w.getState()]));
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0].replace(/\/$/, '');
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, { detail: 'Only GET.' });
    if (path === '/health/live') return answer(200, { status: 'alive', task_queues: states() });
    if (path === '/health/ready') {
      const ready = workers.every((w) => w.getState() === 'RUNNING');
      return answer(ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', task_queues: states() });
    }
    answer(404, { detail: 'Not found: /health/live or /health/ready.' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
