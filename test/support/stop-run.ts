import { readFileSync, rmSync } from 'node:fs';
import { dropDatabase } from '../../src/dev/embedded-postgres.js';
import { STATE_FILE, type RunState } from './run-state.js';

export default async function stopRun() {
  const g = globalThis as unknown as Record<string, { stop(): Promise<void> } | undefined>;
  await g.__switchboardWorker?.stop();
  await g.__switchboardTemporal?.stop();
  const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as RunState;
  if (g.__switchboardPg) await g.__switchboardPg.stop();
  else if (state.adminUrl && state.dbName) await dropDatabase(state.adminUrl, state.dbName).catch(() => undefined);
  for (const pid of state.pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(state.scratch, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
}
