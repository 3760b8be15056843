/**
 * `npx tsx test/replay/record-phone-histories.ts`: runs every phone workflow path once on scratch
 * infrastructure (bench/support/infra.ts) and saves each run's history as histories/phone-*.json, which
 * phone-replay.test.ts replays. Re-record after changing a phone workflow on purpose, and keep the old
 * files while workflows started by the old code may still be running.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchInfra, type BenchAccount, type BenchInfra } from '../../bench/support/infra.js';
import { postJson, waitForTaskRow } from '../../bench/support/task-wait.js';
import { cancelUpdate } from '../../src/workflows/shared/task-messages.js';
import { historyToFile } from './phone-history-format.js';

const HISTORIES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');

const infra = await startBenchInfra();
try {
  const account = await infra.account();
  const generate = (body: Record<string, unknown>, path = 'generate-numbers-config') => start(infra, account, path, { area_code: '415', batch_size: 100, ...body });

  await save(infra, await finished(infra, await generate({ project_id: 'plain', quantity: 300 })), 'phone-generation-completed');
  await save(infra, await finished(infra, await generate({ project_id: 'filtered', quantity: 40, carrier_filter: 'AT&T', type_filter: 'mobile' })), 'phone-generation-filtered');
  await save(infra, await finished(infra, await generate({ project_id: 'failed', quantity: 2, carrier_filter: 'No Such Carrier' }), 'failed'), 'phone-generation-failed');
  const auto = await finished(infra, await generate({ project_id: 'auto', quantity: 200, auto_validate: true }));
  await save(infra, auto, 'phone-generation-auto-validate');
  const chained = String((await taskRow(infra, auto)).result.validation_task_id);
  await save(infra, await finished(infra, chained), 'phone-validation-chained');
  await save(infra, await cancelled(infra, account, await generate({ project_id: 'cancel', quantity: 200_000 }), 'phone-generation'), 'phone-generation-cancelled');
  await save(infra, await finished(infra, await generate({ project_id: 'long', area_code: '212', quantity: 130_000 }, 'generate-numbers-enhanced'), 'completed', 600_000), 'phone-generation-continued');

  await save(infra, await finished(infra, await start(infra, account, 'validate-numbers-enhanced', { project_id: 'plain', batch_size: 100 })), 'phone-validation-completed');
  const { rows } = await infra.pool.query<{ id: number }>(`select id from phone_numbers where tenant_id = $1 and project_id = 'long' order by id limit 250`, [account.tenantId]);
  await save(infra, await finished(infra, await start(infra, account, 'bulk-validate', { phone_ids: rows.map((r) => r.id), batch_size: 100 })), 'phone-validation-ids');
  await save(infra, await cancelled(infra, account, await start(infra, account, 'validate-numbers-enhanced', { project_id: 'long', batch_size: 100 }), 'phone-validation'), 'phone-validation-cancelled');
} finally {
  await infra.stop();
}

async function start(infra: BenchInfra, account: BenchAccount, endpoint: string, body: Record<string, unknown>): Promise<string> {
  const res = await postJson(`${infra.apiUrl}/api/phone-generator/${endpoint}/`, account.apiKey, { user_id: String(account.userId), ...body });
  if (res.status !== 202) throw new Error(`${endpoint}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.task_id;
}

async function taskRow(infra: BenchInfra, taskId: string) {
  const { rows } = await infra.pool.query(`select status, result, workflow_id, processed_items from tasks where task_id = $1`, [taskId]);
  return rows[0] as { status: string; result: Record<string, unknown>; workflow_id: string; processed_items: number };
}

async function finished(infra: BenchInfra, taskId: string, status = 'completed', timeoutMs = 120_000): Promise<string> {
  if (status === 'completed') await waitForTaskRow(infra.pool, taskId, timeoutMs);
  else
    for (const deadline = Date.now() + timeoutMs; (await taskRow(infra, taskId)).status !== status; ) {
      if (Date.now() > deadline) throw new Error(`task ${taskId} never became ${status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  return taskId;
}

async function cancelled(infra: BenchInfra, account: BenchAccount, taskId: string, kind: string): Promise<string> {
  while ((await taskRow(infra, taskId)).processed_items < 300) await new Promise((r) => setTimeout(r, 50));
  await infra.temporal.client.workflow.getHandle(`${kind}-t${account.tenantId}-${taskId}`).executeUpdate(cancelUpdate);
  return finished(infra, taskId, 'cancelled');
}

/** Every run of the task's workflow (more than one after continue-as-new), oldest first. */
async function save(infra: BenchInfra, taskId: string, name: string) {
  const { workflow_id } = await taskRow(infra, taskId);
  const client = infra.temporal.client;
  await client.workflow.getHandle(workflow_id).result().catch(() => undefined);
  const runs: string[] = [];
  for await (const run of client.workflow.list({ query: `WorkflowId = '${workflow_id}'` })) runs.push(run.runId);
  // Visibility lists newest first; the first run's history starts the chain.
  runs.reverse();
  for (const [i, runId] of runs.entries()) {
    const file = path.join(HISTORIES, runs.length > 1 ? `${name}-run${i + 1}.json` : `${name}.json`);
    const history = await client.workflow.getHandle(workflow_id, runId).fetchHistory();
    writeFileSync(file, historyToFile(history));
    console.log(`saved ${path.basename(file)} (${history.events?.length} events)`);
  }
}
