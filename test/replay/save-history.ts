/**
 * `tsx test/replay/save-history.ts <temporal address> <namespace> <workflow id> <file>`: writes a
 * workflow's history (see history-file.ts). A process of its own, away from jest's module registry.
 */
import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { historyToFile } from './history-file.js';

const [address, namespace, workflowId, file] = process.argv.slice(2);
const connection = await Connection.connect({ address });
try {
  const history = await new Client({ connection, namespace }).workflow.getHandle(workflowId).fetchHistory();
  writeFileSync(file, historyToFile(history));
} finally {
  await connection.close();
}
