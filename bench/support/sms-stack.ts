import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startApi, type RunningApi } from '../../src/api/bootstrap.js';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-process.js';
import type { BenchInfra } from './infra.js';
import { startSimulatedSmsProcess, type SimulatedSmsProcess } from './simulated-sms-process.js';

export interface SmsStack {
  sms: SimulatedSmsProcess;
  /** The Twilio settings that point an adapter at the simulated provider. */
  twilioEnv: Record<string, string>;
  worker: WorkerProcess;
  api: RunningApi;
  stop(): Promise<void>;
}

/**
 * A worker process and an API of a bench's own that speak to the simulated SMS provider, in its own
 * process, over HTTP in Twilio's shapes; the shared API and worker of the run do not.
 */
export async function startSmsStack(infra: BenchInfra, name: string): Promise<SmsStack> {
  const sms = await startSimulatedSmsProcess(randomBytes(16).toString('hex'));
  const twilioEnv = {
    TWILIO_ACCOUNT_SID: `AC${randomBytes(16).toString('hex')}`,
    TWILIO_AUTH_TOKEN: sms.authToken,
    TWILIO_API_BASE_URL: sms.url,
    TWILIO_MESSAGING_SERVICE_SID: `MG${randomBytes(16).toString('hex')}`,
    TASK_QUEUE_PREFIX: `bench-${name}-${randomBytes(3).toString('hex')}`,
  };
  const env = {
    ...process.env,
    DATABASE_URL: infra.config.databaseUrl!,
    TEMPORAL_ADDRESS: infra.config.temporal.address!,
    DATA_DIR: infra.config.dataDir,
    JWT_SECRET: infra.config.jwt.secret!,
    LOG_LEVEL: 'warn',
    ...twilioEnv,
  };
  const worker = await startWorkerProcess({ env, logFile: path.join(infra.scratch, `${name}-worker.log`) });
  const api = await startApi({ config: loadConfig(env), db: infra.db, temporal: infra.temporal, logger: createLogger('warn'), port: 0 });
  return {
    sms,
    twilioEnv,
    worker,
    api,
    async stop() {
      await api.close();
      await worker.stop();
      await sms.stop();
    },
  };
}
