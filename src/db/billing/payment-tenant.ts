import type pg from 'pg';

/**
 * The one cross-tenant read of a payment webhook, which arrives before any tenant is known: the tenant of
 * the named subscription, else of a payment already applied. A security-definer function
 * (migration 18), so it answers even where row-level security hides every tenant's rows.
 */
export async function paymentWebhookTenant(pool: Pick<pg.Pool, 'query'>, ids: { subscriptionId: string | null; paymentId: string | null }): Promise<number | null> {
  if (!ids.subscriptionId && !ids.paymentId) return null;
  const { rows } = await pool.query<{ tenant_id: string | null }>(`select xt_payment_webhook_tenant($1, $2) as tenant_id`, [ids.subscriptionId, ids.paymentId]);
  return rows[0].tenant_id === null ? null : Number(rows[0].tenant_id);
}
