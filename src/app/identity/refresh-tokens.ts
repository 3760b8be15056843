import { randomUUID } from 'node:crypto';
import { unauthenticated } from '../../domain/shared/errors.js';
import { newOpaqueToken, sha256 } from '../../domain/identity/secrets.js';
import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import type { Queryable } from '../../db/queryable.js';

const INVALID = 'Token is invalid or expired';

/**
 * Opaque refresh tokens in rotation families: each refresh spends the token and issues the next one of
 * the same family. Presenting a spent token means it was copied, so the whole family is revoked.
 */
export class RefreshTokenStore {
  constructor(private readonly sql: pg.Pool, private readonly ttlSeconds: number) {}

  async issue(userId: number, familyId: string = randomUUID(), sql: Queryable = this.sql): Promise<string> {
    const token = newOpaqueToken(48);
    await sql.query(
      `insert into refresh_tokens (user_id, family_id, token_hash, expires_at) values ($1, $2, $3, now() + make_interval(secs => $4))`,
      [userId, familyId, sha256(token), this.ttlSeconds],
    );
    return token;
  }

  /**
   * Spends `token` and returns its successor; a reused token revokes its family and fails. Spending and
   * issuing share one transaction: a concurrent reuse waits on the row lock until the successor exists,
   * so its family revocation covers the successor too.
   */
  async rotate(token: string): Promise<{ userId: number; refresh: string }> {
    const hash = sha256(token);
    const rotated = await inTransaction(this.sql, async (tx) => {
      const { rows } = await tx.query<{ user_id: number; family_id: string }>(
        `update refresh_tokens r set used_at = now()
           from users u
          where r.token_hash = $1 and r.used_at is null and r.revoked_at is null and r.expires_at > now()
            and u.id = r.user_id and u.is_active
          returning r.user_id, r.family_id`,
        [hash],
      );
      const spent = rows[0];
      return spent ? { userId: spent.user_id, refresh: await this.issue(spent.user_id, spent.family_id, tx) } : null;
    });
    if (rotated) return rotated;
    await this.sql.query(
      `update refresh_tokens set revoked_at = coalesce(revoked_at, now())
        where family_id = (select family_id from refresh_tokens where token_hash = $1 and (used_at is not null or revoked_at is not null))`,
      [hash],
    );
    throw unauthenticated(INVALID);
  }

  /** Revokes the family of `token` (logout) and answers its user; unknown tokens are ignored (null). */
  async revokeFamily(token: string): Promise<number | null> {
    const { rows } = await this.sql.query<{ user_id: number }>(
      `update refresh_tokens set revoked_at = coalesce(revoked_at, now())
        where family_id = (select family_id from refresh_tokens where token_hash = $1)
        returning user_id`,
      [sha256(token)],
    );
    return rows[0]?.user_id ?? null;
  }

  async revokeAll(userId: number, sql: Queryable = this.sql): Promise<void> {
    await sql.query(`update refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null`, [userId]);
  }
}
