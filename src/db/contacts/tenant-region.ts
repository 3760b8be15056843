import type pg from 'pg';

/** The region numbers without a country code are read in (tenants.default_region). */
export async function defaultRegionOf(pool: pg.Pool, tenantId: number): Promise<string> {
  const res = await pool.query<{ default_region: string }>(`select default_region from tenants where id = $1`, [tenantId]);
  return res.rows[0]?.default_region ?? 'US';
}
