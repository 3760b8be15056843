import type pg from 'pg';

/** Polls a task row until it is final; returns it, or throws with the row if it did not complete. */
export async function waitForTaskRow(pool: pg.Pool, taskId: string, timeoutMs = 30 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query(`select status, result, error, processed_items, completed_at, started_at, created_at from tasks where task_id = $1`, [taskId]);
    const row = rows[0];
    if (row && ['completed', 'failed', 'cancelled'].includes(row.status)) {
      if (row.status !== 'completed') throw new Error(`task ${taskId} ended ${row.status}: ${row.error ?? JSON.stringify(row.result)}`);
      return row as { status: string; result: Record<string, unknown>; completed_at: Date; started_at: Date; created_at: Date };
    }
    if (Date.now() > deadline) throw new Error(`task ${taskId} not finished after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function postJson(url: string, apiKey: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Token ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
