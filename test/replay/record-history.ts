import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { TestApp } from '../support/harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** One JSON file per workflow run, named after the test path it records. */
export const HISTORIES_DIR = path.join(here, 'histories');

/**
 * The one way to record a history for replay.test.ts. With RECORD_HISTORIES=1 it saves the workflow's
 * history, as it stands, to `histories/<name>.json` (`<name>-run1.json`, `-run2.json`, … when it
 * continued as new); otherwise it does nothing. Call it once the test has seen the workflow finish, and
 * run the test file with the variable set after changing a workflow on purpose, keeping the old files
 * while workflows started by the old code may still be running.
 */
export async function recordHistory(app: TestApp, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const args = ['--import', 'tsx', path.join(here, 'save-history.ts'), app.config.temporal.address!, app.config.temporal.namespace, workflowId, path.join(HISTORIES_DIR, name)];
  await promisify(execFile)(process.execPath, args, { env: { ...process.env, NODE_OPTIONS: '' }, cwd: path.resolve(here, '../..') });
}
