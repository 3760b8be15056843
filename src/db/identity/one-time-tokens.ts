import { newOpaqueToken, sha256 } from '../../domain/identity/secrets.js';
import type { Queryable } from '../queryable.js';

export type OneTimePurpose = 'password_reset' | 'email_verification';

/** Single-use tokens sent by email; stored as SHA-256 and spent atomically, so a link works once. */
export class OneTimeTokens {
  constructor(private readonly sql: Queryable) {}

  async create(userId: number, purpose: OneTimePurpose, ttlSeconds: number): Promise<string> {
    const token = newOpaqueToken();
    await this.sql.query(
      `insert into one_time_tokens (user_id, purpose, token_hash, expires_at) values ($1, $2, $3, now() + make_interval(secs => $4))`,
      [userId, purpose, sha256(token), ttlSeconds],
    );
    return token;
  }

  /** Spends a live token; answers its user, or null when unknown, expired or already used. */
  async consume(token: string, purpose: OneTimePurpose, sql: Queryable = this.sql): Promise<number | null> {
    const { rows } = await sql.query<{ user_id: number }>(
      `update one_time_tokens set used_at = now()
        where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now()
        returning user_id`,
      [sha256(token), purpose],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Spends every other live token of that purpose, e.g. older reset links once the password changed. */
  async consumeAll(userId: number, purpose: OneTimePurpose, sql: Queryable = this.sql): Promise<void> {
    await sql.query(`update one_time_tokens set used_at = now() where user_id = $1 and purpose = $2 and used_at is null`, [userId, purpose]);
  }
}
