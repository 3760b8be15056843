import type { Queryable } from '../queryable.js';

/**
 * A per-user counter stamped into every access JWT (`users.credentials_epoch`). Advancing it ends every
 * access token signed before, at once; the Authenticator is the one place that compares the two.
 */
export class CredentialsEpoch {
  constructor(private readonly sql: Queryable) {}

  async current(userId: number, sql: Queryable = this.sql): Promise<number> {
    const { rows } = await sql.query<{ credentials_epoch: string }>(`select credentials_epoch from users where id = $1`, [userId]);
    return Number(rows[0]?.credentials_epoch ?? 0);
  }

  /** Ends every access JWT of the user issued so far (password change, reset, logout). */
  async advance(userId: number, sql: Queryable = this.sql): Promise<void> {
    await sql.query(`update users set credentials_epoch = credentials_epoch + 1 where id = $1`, [userId]);
  }
}
