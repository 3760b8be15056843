import type pg from 'pg';
import type { Queryable } from '../queryable.js';
import { fieldError, notFound } from '../../domain/shared/errors.js';

/** Alphanumeric sender IDs: 1–11 letters, digits and spaces with at least one letter (carrier rule). */
export const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

/** The registry's unique index on the upper-cased ID: one tenant per sender ID, whatever its case. */
const SENDER_ID_CONSTRAINT = 'tenant_sender_ids_sender';
const VIEW = 'id, sender_id, created_at';

/**
 * The alphanumeric sender IDs a tenant may send as. An ID is registered by the tenant's owner or admin
 * and then belongs to that tenant alone, so no other tenant can send under its name.
 */
export async function listSenderIds(pool: pg.Pool, tenantId: number) {
  const { rows } = await pool.query(`select ${VIEW} from tenant_sender_ids where tenant_id = $1 order by id`, [tenantId]);
  return rows;
}

export async function registerSenderId(pool: pg.Pool, tenantId: number, senderId: string) {
  const { rows } = await pool
    .query(`insert into tenant_sender_ids (tenant_id, sender_id) values ($1, $2) returning ${VIEW}`, [tenantId, senderId])
    .catch((err: { constraint?: string }) => {
      if (err.constraint === SENDER_ID_CONSTRAINT) throw fieldError('sender_id', 'This sender ID is already registered.');
      throw err;
    });
  return rows[0];
}

export async function removeSenderId(pool: pg.Pool, tenantId: number, id: number) {
  const { rowCount } = await pool.query('delete from tenant_sender_ids where tenant_id = $1 and id = $2', [tenantId, id]);
  if (!rowCount) throw notFound('Sender ID not found.');
}

/** The tenant's own spelling of a sender ID, or null when the tenant has not registered it. */
export async function findOwnSenderId(sql: Queryable, tenantId: number, senderId: string): Promise<string | null> {
  const { rows } = await sql.query<{ sender_id: string }>('select sender_id from tenant_sender_ids where tenant_id = $1 and upper(sender_id) = upper($2)', [tenantId, senderId]);
  return rows[0]?.sender_id ?? null;
}
