import type { Queryable } from '../queryable.js';

/**
 * Remembers a provider delivery by its key; false when it was already handled. Called inside the
 * transaction that applies the delivery, so a failed attempt leaves no mark and the retry goes through.
 */
export async function recordWebhookEvent(sql: Queryable, provider: string, eventKey: string, tenantId: number | null): Promise<boolean> {
  const { rowCount } = await sql.query(
    'insert into webhook_events (provider, event_key, tenant_id) values ($1, $2, $3) on conflict (provider, event_key) do nothing',
    [provider, eventKey, tenantId],
  );
  return rowCount === 1;
}
