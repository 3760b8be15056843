import type pg from 'pg';
import { validationError } from '../../domain/shared/errors.js';
import type { ContactRow } from '../../domain/contacts/contact-input.js';
import { updateAssignments } from '../../domain/contacts/contact-columns.js';
import type { ContactRecord } from '../../domain/contacts/contact-record.js';
import { isUniqueViolation } from '../errors.js';

/** Reads and single-contact changes. Every statement names the tenant; deleted contacts are invisible. */
export async function findContact(pool: pg.Pool, tenantId: number, id: number): Promise<ContactRecord | null> {
  const res = await pool.query<ContactRecord>(`select * from contacts where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id]);
  return res.rows[0] ?? null;
}

/** Changes the given fields only; a phone or email that another contact holds is a field error. */
export async function updateContact(pool: pg.Pool, tenantId: number, id: number, row: ContactRow): Promise<ContactRecord | null> {
  try {
    const res = await pool.query<ContactRecord>(
      `update contacts c set
  ${updateAssignments('x.r', 'c')}
         from (select $3::jsonb as r) as x
        where c.tenant_id = $1 and c.id = $2 and c.deleted_at is null
        returning c.*`,
      [tenantId, id, JSON.stringify(row)],
    );
    return res.rows[0] ?? null;
  } catch (err) {
    if (isUniqueViolation(err)) {
      const field = err.constraint === 'contacts_email_per_tenant' ? 'email' : 'phone_e164';
      throw validationError({ [field]: [`A contact with this ${field === 'email' ? 'email' : 'phone number'} already exists.`] });
    }
    throw err;
  }
}

/** The row stays (its phone and email keep their uniqueness, so a later upsert revives it), inactive and hidden. */
export async function softDeleteContact(pool: pg.Pool, tenantId: number, id: number): Promise<boolean> {
  const res = await pool.query(
    `update contacts set deleted_at = now(), is_active = false, updated_at = now() where tenant_id = $1 and id = $2 and deleted_at is null`,
    [tenantId, id],
  );
  return (res.rowCount ?? 0) > 0;
}

/** Opting in again keeps the first consent time. */
export async function optIn(pool: pg.Pool, tenantId: number, id: number): Promise<ContactRecord | null> {
  const res = await pool.query<ContactRecord>(
    `update contacts set is_opted_in = true, opt_in_at = case when is_opted_in then opt_in_at else now() end, updated_at = now()
      where tenant_id = $1 and id = $2 and deleted_at is null returning *`,
    [tenantId, id],
  );
  return res.rows[0] ?? null;
}

export async function optOut(pool: pg.Pool, tenantId: number, id: number, reason: string | null): Promise<ContactRecord | null> {
  const res = await pool.query<ContactRecord>(
    `update contacts set is_opted_in = false, opt_out_at = now(), opt_out_reason = $3, updated_at = now()
      where tenant_id = $1 and id = $2 and deleted_at is null returning *`,
    [tenantId, id, reason],
  );
  return res.rows[0] ?? null;
}

/** In the order asked; unknown, deleted and other tenants' ids are simply absent. */
export async function findContactsByIds(pool: pg.Pool, tenantId: number, ids: readonly number[]): Promise<ContactRecord[]> {
  const res = await pool.query<ContactRecord>(
    `select c.* from unnest($2::bigint[]) with ordinality as wanted(id, ord)
       join contacts c on c.tenant_id = $1 and c.id = wanted.id and c.deleted_at is null
      order by wanted.ord`,
    [tenantId, ids],
  );
  return res.rows;
}
