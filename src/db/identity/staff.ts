import type { Queryable } from '../queryable.js';

/**
 * Platform staff (users.role 'admin' or 'staff', set by an operator, never by sign-up). Host and database
 * figures describe the whole platform, so being a tenant's owner or admin — which anyone who registers
 * is — does not make one staff.
 */
const STAFF_ROLES = ['admin', 'staff'] as const;

export async function isPlatformStaff(sql: Queryable, userId: number): Promise<boolean> {
  const { rows } = await sql.query(`select 1 from users where id = $1 and role = any($2::text[])`, [userId, STAFF_ROLES]);
  return rows.length > 0;
}
