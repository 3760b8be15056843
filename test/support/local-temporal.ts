import { freePort, provisionTemporalCli, startTemporalDevServer, type RunningTemporal } from '../../src/dev/temporal-dev-server.js';

/**
 * A Temporal dev server of the test's own (the run's CLI binary), for server settings no other test
 * may share: here, how many history events a run may grow to before the server suggests continue-as-new
 * (`workflowInfo().continueAsNewSuggested`; servers suggest it at thousands by default). Started like the
 * run's server rather than by the SDK's `TestWorkflowEnvironment.createLocal`, which prints the CLI's
 * banner into the test output.
 */
export async function startLocalTemporal(opts: { suggestContinueAsNewAfterEvents: number }): Promise<RunningTemporal> {
  return startTemporalDevServer({
    cli: await provisionTemporalCli(),
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': opts.suggestContinueAsNewAfterEvents },
  });
}
