import { Worker } from '@temporalio/worker';
import * as workflows from '../../src/workflows/index.js';
import { prebuiltWorkflowBundle } from '../../src/temporal/workflow-bundle/prebuilt.js';
import { installTemporalRuntimeLogging } from '../../src/temporal/runtime-logging.js';
import { createLogger } from '../../src/logger.js';
import { recordedHistories } from './history-file.js';

/**
 * Every history in histories/ (recorded by `recordHistory` from test runs, see record-history.ts) is
 * replayed against today's workflow code, bundled as the worker bundles it; every workflow the worker
 * runs must have at least one.
 */
const histories = recordedHistories();
const workflowTypes = Object.entries(workflows)
  .filter(([, value]) => typeof value === 'function')
  .map(([name]) => name);

const failures = new Map<string, string>();
beforeAll(async () => {
  installTemporalRuntimeLogging(createLogger('silent'));
  const replayed = histories.map(({ name, history }) => ({ workflowId: name, history }));
  for await (const result of Worker.runReplayHistories({ workflowBundle: await prebuiltWorkflowBundle(), replayName: 'recorded-histories' }, replayed)) {
    if (result.error) failures.set(result.workflowId, result.error.message);
  }
});

describe('workflow replay', () => {
  test('when the histories are read, then each names a workflow the worker runs', () => {
    expect(histories.filter((h) => !workflowTypes.includes(h.workflowType)).map((h) => `${h.name}: ${h.workflowType}`)).toEqual([]);
  });

  for (const type of workflowTypes) {
    const own = histories.filter((h) => h.workflowType === type).map((h) => h.name);
    test(`when the recorded ${type} histories are replayed against today's code, then there is one at least and none is nondeterministic`, () => {
      expect(own.length).toBeGreaterThan(0);
      expect(own.filter((name) => failures.has(name)).map((name) => `${name}: ${failures.get(name)}`)).toEqual([]);
    });
  }
});
