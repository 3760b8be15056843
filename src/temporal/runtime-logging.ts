import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../logger.js';

const PINO_METHOD = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const satisfies Record<LogLevel, string>;

let installed = false;

/**
 * Sends the Temporal SDK's own logs (the TypeScript side and, forwarded, its Rust core) to our pino
 * logger from WARN up, instead of the SDK's console logger. The Runtime is a per-process singleton that
 * can be configured only before the first NativeConnection or Worker exists, so call this first thing.
 */
export function installTemporalRuntimeLogging(logger: Logger): void {
  if (installed) return;
  const log = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => log[PINO_METHOD[entry.level]]({ ...entry.meta }, entry.message)),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
  });
  installed = true;
}
