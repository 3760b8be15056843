import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { prebuiltWorkflowBundle } from '../../src/temporal/workflow-bundle/prebuilt.js';
import { HISTORIES_DIR } from './record-history.js';
import { historyFromFile } from './history-file.js';

/** Histories recorded from real runs of the housekeeping workflow (`RECORD_HISTORIES=1` on test/imports/housekeeping.test.ts). */
const files = readdirSync(HISTORIES_DIR).filter((f) => /^housekeeping-.*\.json$/.test(f));

describe('workflow replay', () => {
  it("when the recorded housekeeping histories are replayed against today's workflow code, then none is nondeterministic", async () => {
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((f) => ({ workflowId: path.basename(f, '.json'), history: historyFromFile(readFileSync(path.join(HISTORIES_DIR, f), 'utf8')) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await prebuiltWorkflowBundle(), replayName: 'housekeeping' }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
