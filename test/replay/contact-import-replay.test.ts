import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowsPath } from '../../src/temporal/worker.js';
import { createLogger } from '../../src/logger.js';
import { installTemporalRuntimeLogging } from '../../src/temporal/runtime-logging.js';
import { HISTORIES_DIR } from './record-history.js';
import { historyFromFile } from './history-file.js';

/** Histories recorded from real imports in test/imports (`RECORD_HISTORIES=1`): completed, cancelled, failed. */
const files = readdirSync(HISTORIES_DIR).filter((f) => /^contact-import-.*\.json$/.test(f));

describe('contact import workflow replay', () => {
  it("when the recorded import histories are replayed against today's workflow code, then none is nondeterministic", async () => {
    installTemporalRuntimeLogging(createLogger('silent'));
    expect(files.sort()).toEqual(['contact-import-cancelled.json', 'contact-import-completed.json', 'contact-import-failed.json']);
    const histories = files.map((f) => ({ workflowId: path.basename(f, '.json'), history: historyFromFile(readFileSync(path.join(HISTORIES_DIR, f), 'utf8')) }));
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowsPath, replayName: 'contact-import' }, histories)) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
