import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { TestApp } from '../support/harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const HISTORIES_DIR = path.join(here, 'histories');

/**
 * With RECORD_HISTORIES=1, saves the workflow's history as `histories/<name>.json` for the replay test;
 * otherwise does nothing. Run a test file with it set after changing a workflow on purpose.
 */
export async function recordHistory(app: TestApp, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const args = ['--import', 'tsx', path.join(here, 'save-history.ts'), app.config.temporal.address!, app.config.temporal.namespace, workflowId, path.join(HISTORIES_DIR, `${name}.json`)];
  await promisify(execFile)(process.execPath, args, { env: { ...process.env, NODE_OPTIONS: '' }, cwd: path.resolve(here, '../..') });
}
