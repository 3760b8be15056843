import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';

export interface NumberBatch {
  count: number;
  areaCode?: string;
  /** First subscriber number; the batch uses start … start+count-1 after the area code. */
  start?: number;
  projectId?: string;
  status?: 'pending' | 'valid' | 'invalid';
  carrier?: string | null;
  lineType?: string | null;
  /** ISO timestamp for created_at; now when absent. */
  createdAt?: string;
}

/** Inserts numbers for the account in one generate_series statement; returns their ids in order. */
export async function insertNumbers(app: TestApp, account: TestAccount, b: NumberBatch): Promise<number[]> {
  const { rows } = await app.owner.query<{ id: number }>(
    `insert into phone_numbers (tenant_id, user_id, project_id, number, area_code, status, carrier, line_type, validated_at, created_at)
     select $1, $2, $3, '+1' || $4 || lpad((($5::bigint + g) % 10000000)::text, 7, '0'), $4, $6, $7, $8,
            case when $6 = 'pending' then null else coalesce($9::timestamptz, now()) end, coalesce($9::timestamptz, now())
       from generate_series(0, $10 - 1) g
     order by g
     returning id`,
    [
      account.tenantId,
      account.userId,
      b.projectId ?? '',
      b.areaCode ?? '415',
      b.start ?? 5550000,
      b.status ?? 'pending',
      b.carrier ?? null,
      b.lineType ?? null,
      b.createdAt ?? null,
      b.count,
    ],
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export async function countNumbers(app: TestApp, tenantId: number, where = 'true'): Promise<number> {
  const { rows } = await app.owner.query<{ n: number }>(`select count(*)::int as n from phone_numbers where tenant_id = $1 and ${where}`, [tenantId]);
  return rows[0].n;
}

export interface TaskSeed {
  kind?: string;
  status?: 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled';
  projectId?: string | null;
  params?: Record<string, unknown>;
  processed?: number;
  total?: number;
  currentStep?: string;
  /** Seconds before now the task started; null for not started. */
  startedSecondsAgo?: number | null;
  result?: Record<string, unknown> | null;
  error?: string | null;
  /** Defaults to a workflow id no server knows, so live queries fail and the row's figures stand. */
  workflowId?: string;
}

export interface SeededTask {
  id: number;
  task_id: string;
  workflow_id: string;
  status: string;
}

/** A task row written straight to the table, as a workflow's activities would leave it. */
export async function insertTask(app: TestApp, account: TestAccount, t: TaskSeed = {}): Promise<SeededTask> {
  const taskId = randomUUID();
  const kind = t.kind ?? 'phone-generation';
  const status = t.status ?? 'pending';
  const total = t.total ?? 1000;
  const processed = t.processed ?? (status === 'completed' ? total : 0);
  const finished = status === 'completed' || status === 'failed' || status === 'cancelled';
  const startedAgo = t.startedSecondsAgo === undefined ? (status === 'pending' ? null : 60) : t.startedSecondsAgo;
  const { rows } = await app.owner.query<SeededTask>(
    `insert into tasks (task_id, tenant_id, user_id, project_id, kind, name, status, progress, current_step, processed_items, total_items,
                        workflow_id, params, result, error, started_at, completed_at)
     values ($1, $2, $3, $4, $5, $6, $7, least(100, floor(100.0 * $8 / nullif($9, 0)))::int, $10, $8, $9, $11, $12, $13, $14,
             case when $15::int is null then null else now() - make_interval(secs => $15::int) end,
             case when $16 then now() else null end)
     returning id, task_id, workflow_id, status`,
    [
      taskId,
      account.tenantId,
      account.userId,
      t.projectId === undefined ? '5' : t.projectId,
      kind,
      kind === 'phone-generation' ? 'Phone Number Generation' : 'Phone Number Validation',
      status,
      processed,
      total,
      t.currentStep ?? (status === 'pending' ? 'Queued' : `Processed ${processed}/${total}`),
      t.workflowId ?? `${kind}-t${account.tenantId}-${taskId}`,
      JSON.stringify(t.params ?? { area_code: '415', quantity: total }),
      t.result === undefined ? (status === 'completed' ? JSON.stringify({ total_generated: total }) : null) : JSON.stringify(t.result),
      t.error ?? (status === 'failed' ? 'Database connection error' : null),
      startedAgo,
      finished,
    ],
  );
  return rows[0];
}

export async function taskStatus(app: TestApp, taskId: string): Promise<string> {
  const { rows } = await app.owner.query<{ status: string }>(`select status from tasks where task_id = $1`, [taskId]);
  return rows[0].status;
}
