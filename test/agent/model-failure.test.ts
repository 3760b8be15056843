import { randomBytes } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { tenantScopeInterceptors } from '../../src/temporal/tenant-scope-interceptor.js';
import { prebuiltWorkflowBundle } from '../../src/temporal/workflow-bundle/prebuilt.js';
import { createAgentActivities } from '../../src/activities/agent/agent.activities.js';
import { createSmsProvider } from '../../src/app/providers/sms-providers.js';
import { LanguageModelError, type LanguageModel } from '../../src/domain/agent/language-model.js';
import { createLogger } from '../../src/logger.js';
import { installTemporalRuntimeLogging } from '../../src/temporal/runtime-logging.js';
import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { recordHistory } from '../replay/record-history.js';
import { createAgentUser } from './support.js';

/** A model that refuses every request, as an endpoint with a revoked key would. */
const refusingModel: LanguageModel = {
  async complete() {
    throw new LanguageModelError('Language model answered 401: invalid api key', 'openai_error', false);
  },
};

let app: TestApp;
let owner: TestAccount;
let worker: Worker;
let running: Promise<void>;
let connection: NativeConnection;

// The agent workflow runs on a worker in this process, on queues of its own, with the refusing model.
beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount({ TASK_QUEUE_PREFIX: `${process.env.TASK_QUEUE_PREFIX}-agent-${randomBytes(3).toString('hex')}` }));
  installTemporalRuntimeLogging(createLogger('silent'));
  connection = await NativeConnection.connect({ address: app.config.temporal.address! });
  const workflowBundle = await prebuiltWorkflowBundle();
  worker = await Worker.create({
    connection,
    namespace: app.config.temporal.namespace,
    taskQueue: app.config.temporal.taskQueues.messaging,
    workflowBundle,
    interceptors: { activity: [tenantScopeInterceptors] },
    activities: createAgentActivities({ db: app.db, sms: createSmsProvider(app.config), languageModel: refusingModel }),
  });
  running = worker.run();
});
afterAll(async () => {
  worker.shutdown();
  await running;
  await connection.close();
  await app.close();
});

test('when the language model refuses, then the task is stored as failed and the error is logged for operators', async () => {
  const user = await createAgentUser(app, owner);
  const res = await app.http.post('/api/tasks/', { user_phone: user.phone_number, sms_content: 'Explain recursion' }, { apiKey: owner.apiKey });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ success: false, ai_response: null, error_message: expect.stringContaining('invalid api key'), completed_at: expect.any(String) });
  const logs = await app.http.get(`/api/error-logs/?user_phone=${encodeURIComponent(user.phone_number)}`, { apiKey: owner.apiKey });
  expect(logs.body).toMatchObject({ count: 1, results: [{ task_id: res.body.id, error_type: 'openai_error', resolved: false, error_message: expect.stringContaining('invalid api key') }] });
  const analytics = await app.http.get(`/api/tasks/analytics/?user_phone=${encodeURIComponent(user.phone_number)}`, { apiKey: owner.apiKey });
  expect(analytics.body).toMatchObject({ total_tasks: 1, successful_tasks: 0, success_rate: 0 });
  await recordHistory(app, await onlyAgentWorkflowOf(owner), 'sms-agent-model-failed');
});

/** The id of the tenant's one sms-agent workflow, once visibility (eventually consistent) lists it. */
async function onlyAgentWorkflowOf(account: TestAccount): Promise<string> {
  const query = `SwitchboardTenant = '${account.tenantId}' AND SwitchboardTaskKind = 'sms-agent'`;
  const list = async () => {
    const ids: string[] = [];
    for await (const wf of app.temporal.client.workflow.list({ query })) ids.push(wf.workflowId);
    return ids;
  };
  const [id] = await eventually(list, (ids) => ids.length === 1, { what: 'the tenant\'s sms-agent workflow in visibility' });
  return id;
}
