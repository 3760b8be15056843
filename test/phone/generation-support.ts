import pg from 'pg';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import type { TaskRow } from '../../src/app/tasks/task-service.js';
import type { TaskEvent } from '../../src/domain/tasks/task-events.js';
import { TASK_EVENTS_CHANNEL } from '../../src/domain/tasks/task-events.js';

export const GEN = '/api/phone-generator';

export function post(app: TestApp, account: TestAccount, path: string, body: Record<string, unknown>) {
  return app.http.post(`${GEN}${path}`, { user_id: String(account.userId), ...body }, { apiKey: account.apiKey });
}

export async function taskRow(app: TestApp, taskId: string): Promise<TaskRow> {
  const { rows } = await app.owner.query<TaskRow>(`select * from tasks where task_id = $1`, [taskId]);
  return rows[0];
}

const FINAL = ['completed', 'failed', 'cancelled'];

/** Waits until the task row is final; answers it when its status is one of `statuses`, else fails with it. */
export async function waitForTask(app: TestApp, taskId: string, statuses = ['completed'], timeoutMs = 90_000): Promise<TaskRow> {
  const row = await eventually(() => taskRow(app, taskId), (r) => r !== undefined && (statuses.includes(r.status) || FINAL.includes(r.status)), {
    timeout: timeoutMs,
    what: `task ${taskId} to end ${statuses.join('/')}`,
  });
  if (!statuses.includes(row.status)) throw new Error(`task ${taskId} ended ${row.status} (wanted ${statuses.join('/')}): ${row.error ?? JSON.stringify(row.result)}`);
  return row;
}

export interface StoredNumber {
  id: number;
  number: string;
  area_code: string;
  status: string;
  carrier: string | null;
  line_type: string | null;
  lookup_source: string | null;
  generation_task_id: string | null;
  project_id: string;
}

export async function numbersOf(app: TestApp, tenantId: number, where = 'true', params: unknown[] = []): Promise<StoredNumber[]> {
  const { rows } = await app.owner.query<StoredNumber>(
    `select id, number, area_code, status, carrier, line_type, lookup_source, generation_task_id, project_id
       from phone_numbers where tenant_id = $1 and ${where} order by id`,
    [tenantId, ...params],
  );
  return rows;
}

export async function countRows(app: TestApp, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await app.owner.query<{ n: number }>(sql, params);
  return rows[0].n;
}

/** Why a number is not a real-looking NANP number of the area code; null when it is one. */
export function realLookingProblem(number: string, areaCode: string): string | null {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  if (!m) return 'not +1 and ten digits';
  if (m[1] !== areaCode) return `area code ${m[1]}`;
  if (Number(m[2]) % 100 === 11) return 'N11 exchange';
  if (m[2] === '555' && Number(m[3]) >= 100 && Number(m[3]) <= 199) return 'fictional 555-01XX';
  if (!parsePhoneNumberFromString(number)?.isValid()) return 'invalid by libphonenumber';
  return null;
}

/** Every task event published for these tasks, as the realtime gateway hears them. */
export async function listenToTaskEvents(app: TestApp): Promise<{ events: (taskId: string) => TaskEvent[]; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  const heard: { taskId: string; event: TaskEvent }[] = [];
  client.on('notification', (n) => {
    const env = JSON.parse(n.payload ?? '{}');
    heard.push({ taskId: env.taskId, event: env.event });
  });
  await client.query(`listen ${TASK_EVENTS_CHANNEL}`);
  return { events: (taskId) => heard.filter((h) => h.taskId === taskId).map((h) => h.event), close: () => client.end() };
}
