/**
 * `tsx test/replay/save-history.ts <temporal address> <namespace> <workflow id> <path without .json>`:
 * writes every run of the workflow (see history-file.ts), following continue-as-new back to the first
 * run. A process of its own, away from jest's module registry.
 */
import { readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type proto from '@temporalio/proto';
import { historyToFile } from './history-file.js';

const [address, namespace, workflowId, base] = process.argv.slice(2);
const connection = await Connection.connect({ address });
try {
  const client = new Client({ connection, namespace });
  const runs: proto.temporal.api.history.v1.IHistory[] = [];
  for (let runId: string | undefined; ; ) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    if (!runId) break;
  }
  // An earlier recording under this name may have had more runs.
  const dir = path.dirname(base);
  const stale = new RegExp(`^${path.basename(base).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(-run\\d+)?\\.json$`);
  for (const file of readdirSync(dir).filter((f) => stale.test(f))) unlinkSync(path.join(dir, file));
  for (const [i, history] of runs.entries()) writeFileSync(runs.length > 1 ? `${base}-run${i + 1}.json` : `${base}.json`, historyToFile(history));
} finally {
  await connection.close();
}
