import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { prebuiltWorkflowBundle } from '../../src/temporal/workflow-bundle/prebuilt.js';
import { historyFromFile } from './phone-history-format.js';

/** Histories of real runs of the phone workflows (record-phone-histories.ts), one file per run. */
const HISTORIES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');
const files = readdirSync(HISTORIES).filter((f) => /^phone-.*\.json$/.test(f));

describe('phone workflow replay', () => {
  test('when every recorded phone history is replayed against today\'s workflow code, then none is nondeterministic', async () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    const histories = files.map((f) => ({ workflowId: path.basename(f, '.json'), history: historyFromFile(readFileSync(path.join(HISTORIES, f), 'utf8')) }));
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: await prebuiltWorkflowBundle(), replayName: 'phone' }, histories)) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
