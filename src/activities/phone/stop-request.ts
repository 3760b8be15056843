import type pg from 'pg';

/** True when a stop (cancel) was requested for the task; checked at the start of every batch. */
export async function stopRequested(client: pg.PoolClient, taskId: string): Promise<boolean> {
  const { rowCount } = await client.query(`select 1 from phone_task_stop_requests where task_id = $1`, [taskId]);
  return (rowCount ?? 0) > 0;
}
