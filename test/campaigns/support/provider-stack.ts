import { randomBytes } from 'node:crypto';
import path from 'node:path';
import os from 'node:os';
import { startSimulatedSmsServer, type SimulatedSmsServer } from '../../../src/dev/simulated-sms-server.js';
import { startWorkerProcess, type WorkerProcess } from '../../support/worker-process.js';
import { startTestApp, type TestApp } from '../../support/harness.js';

/**
 * An API and a worker process of their own (own task-queue prefix), both talking to a simulated SMS
 * provider over HTTP through the real Twilio adapter: the setup the reliability tests crash and throttle.
 */
export interface ProviderStack {
  app: TestApp;
  sms: SimulatedSmsServer;
  worker: WorkerProcess;
  env: NodeJS.ProcessEnv;
  logFile: string;
  restartWorker(): Promise<WorkerProcess>;
  close(): Promise<void>;
}

export async function startProviderStack(opts: { callbacks?: boolean } = {}): Promise<ProviderStack> {
  const authToken = randomBytes(16).toString('hex');
  const sms = await startSimulatedSmsServer({ authToken, callbacks: opts.callbacks ?? false });
  const env = {
    TASK_QUEUE_PREFIX: `campaigns-${randomBytes(4).toString('hex')}`,
    TWILIO_ACCOUNT_SID: `AC${randomBytes(16).toString('hex')}`,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_API_BASE_URL: sms.url,
    TWILIO_MESSAGING_SERVICE_SID: `MG${randomBytes(16).toString('hex')}`,
  };
  const app = await startTestApp(env);
  if (opts.callbacks) sms.configure({ callbacks: true });
  const logFile = path.join(os.tmpdir(), `campaign-worker-${env.TASK_QUEUE_PREFIX}.log`);
  const workerEnv = { ...process.env, ...env };
  const stack: ProviderStack = {
    app,
    sms,
    env: workerEnv,
    logFile,
    worker: await startWorkerProcess({ env: workerEnv, logFile }),
    async restartWorker() {
      stack.worker = await startWorkerProcess({ env: workerEnv, logFile });
      return stack.worker;
    },
    async close() {
      await stack.worker.stop();
      await app.close();
      await sms.close();
    },
  };
  return stack;
}

/** How many times the provider accepted a message for each number. */
export function acceptedPerNumber(sms: SimulatedSmsServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of sms.log()) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  return counts;
}
