import type pg from 'pg';
import { withTransaction } from '../identity/sql.js';
import { fieldError, notFound } from '../shared/errors.js';

const VIEW = 'id, phone_e164, friendly_name, is_default, created_at';

/**
 * The numbers a tenant sends from and receives on. A number belongs to one tenant only (a unique
 * constraint), which is how an inbound SMS finds its tenant; one may be the default sender.
 */
export async function listTenantNumbers(pool: pg.Pool, tenantId: number) {
  const { rows } = await pool.query(`select ${VIEW} from tenant_numbers where tenant_id = $1 order by is_default desc, id`, [tenantId]);
  return rows;
}

export async function addTenantNumber(pool: pg.Pool, tenantId: number, input: { phoneE164: string; friendlyName?: string; isDefault?: boolean }) {
  return withTransaction(pool, async (sql) => {
    if (input.isDefault) await sql.query('update tenant_numbers set is_default = false where tenant_id = $1', [tenantId]);
    const { rows } = await sql
      .query(
        `insert into tenant_numbers (tenant_id, phone_e164, friendly_name, is_default)
         values ($1, $2, coalesce($3, ''), coalesce($4, not exists (select 1 from tenant_numbers where tenant_id = $1)))
         returning ${VIEW}`,
        [tenantId, input.phoneE164, input.friendlyName, input.isDefault],
      )
      .catch((err: { constraint?: string }) => {
        if (err.constraint === 'tenant_numbers_phone_e164_key') throw fieldError('phone_number', 'This number is already registered.');
        throw err;
      });
    return rows[0];
  });
}

export async function removeTenantNumber(pool: pg.Pool, tenantId: number, id: number) {
  const { rowCount } = await pool.query('delete from tenant_numbers where tenant_id = $1 and id = $2', [tenantId, id]);
  if (!rowCount) throw notFound('Number not found.');
}
