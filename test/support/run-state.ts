import os from 'node:os';
import path from 'node:path';

export interface RunState {
  runId: string;
  scratch: string;
  adminUrl?: string;
  dbName?: string;
  pids: number[];
}

export const STATE_FILE = path.join(os.tmpdir(), `switchboard-test-run-${process.ppid}-${process.pid}.json`);
