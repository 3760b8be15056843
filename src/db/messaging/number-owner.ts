import type { Queryable } from '../queryable.js';

/**
 * The tenant that owns a phone number, or null when none does: the only lookup of the numbers
 * registry across tenants (an inbound webhook knows no tenant until it has this answer). It goes
 * through the security-definer function `xt_number_owner`, so it keeps working when row-level
 * security hides other tenants' rows from the application.
 */
export async function numberOwner(sql: Queryable, phoneE164: string): Promise<number | null> {
  const { rows } = await sql.query<{ owner: number | null }>('select xt_number_owner($1) as owner', [phoneE164.trim()]);
  return rows[0]?.owner ?? null;
}
