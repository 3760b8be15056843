import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { prebuiltWorkflowBundle } from '../../src/temporal/workflow-bundle/prebuilt.js';
import { HISTORIES_DIR } from './record-history.js';
import { historyFromFile } from './history-file.js';

/** Campaign histories recorded from real runs (`RECORD_HISTORIES=1 … jest test/campaigns`). */
const files = readdirSync(HISTORIES_DIR).filter((f) => /^campaign-.*\.json$/.test(f));

describe('campaign workflow replay', () => {
  test("when the recorded campaign histories are replayed against today's workflow code, then none is nondeterministic", async () => {
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((f) => ({ workflowId: path.basename(f, '.json'), history: historyFromFile(readFileSync(path.join(HISTORIES_DIR, f), 'utf8')) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await prebuiltWorkflowBundle(), replayName: 'campaigns' }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
