import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { TaskReporter } from '../../src/db/tasks/task-reporter.js';

/** A pending task row owned by the account, as TaskService would insert it (no workflow behind it). */
export async function insertTask(app: TestApp, account: Pick<TestAccount, 'tenantId' | 'userId'>, kind = 'phone-generation', totalItems = 100): Promise<string> {
  const taskId = randomUUID();
  await app.owner.query(
    `insert into tasks (task_id, tenant_id, user_id, kind, name, total_items) values ($1, $2, $3, $4, $5, $6)`,
    [taskId, account.tenantId, account.userId, kind, `Test ${kind}`, totalItems],
  );
  return taskId;
}

export const reporterFor = (app: TestApp) => new TaskReporter(app.owner);
