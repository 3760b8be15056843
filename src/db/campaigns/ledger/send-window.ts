import type pg from 'pg';

/**
 * Reserves the next `count` send slots of a tenant at `perSecond` and says how long until the first
 * one (by the database's clock, so workers on other machines agree). One row per tenant holds the end
 * of the time already promised, so every campaign of the tenant, on every worker, shares one rate.
 */
export async function reserveSendWindow(db: Pick<pg.Pool, 'query'>, tenantId: number, count: number, perSecond: number): Promise<number> {
  const { rows } = await db.query<{ wait_ms: number }>(
    `with w as (
       insert into tenant_send_windows (tenant_id, next_free_at) values ($1, clock_timestamp() + make_interval(secs => $2))
       on conflict (tenant_id) do update
         set next_free_at = greatest(tenant_send_windows.next_free_at, clock_timestamp()) + make_interval(secs => $2)
       returning next_free_at)
     select greatest(0, extract(epoch from (next_free_at - make_interval(secs => $2) - clock_timestamp())) * 1000)::float8 as wait_ms from w`,
    [tenantId, count / perSecond],
  );
  return rows[0].wait_ms;
}
