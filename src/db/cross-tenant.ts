import type pg from 'pg';

/**
 * The one path that reads across tenants: provider callbacks name a message, a ledger row or a number,
 * never a tenant, so each is first routed here (security-definer functions of the schema owner, see
 * the CrossTenantRouting migration) and then handled inside the tenant scope it names.
 */
export async function tenantOfMessage(pool: pg.Pool, providerMessageId: string, messageId: number | null): Promise<number | null> {
  const { rows } = await pool.query<{ t: number | null }>('select xt_message_tenant($1, $2::bigint) as t', [providerMessageId, messageId]);
  return rows[0].t;
}

export async function tenantOfCampaignRecipient(pool: pg.Pool, recipientId: number): Promise<number | null> {
  const { rows } = await pool.query<{ t: number | null }>('select xt_campaign_recipient_tenant($1::bigint) as t', [recipientId]);
  return rows[0].t;
}

