import { newOpaqueToken, sha256 } from '../../domain/identity/secrets.js';
import type { Queryable } from '../queryable.js';

/** Server-side sessions for seed 001's cookie; the cookie holds the token, the table its SHA-256. */
export class SessionStore {
  constructor(private readonly sql: Queryable, private readonly ttlSeconds: number) {}

  get maxAgeMs() {
    return this.ttlSeconds * 1000;
  }

  async create(userId: number): Promise<string> {
    const token = newOpaqueToken();
    await this.sql.query(`delete from sessions where user_id = $1 and expires_at <= now()`, [userId]);
    await this.sql.query(`insert into sessions (user_id, token_hash, expires_at) values ($1, $2, now() + make_interval(secs => $3))`, [
      userId,
      sha256(token),
      this.ttlSeconds,
    ]);
    return token;
  }

  /** Ends one session; answers whose it was, or null for an unknown token. */
  async destroy(token: string): Promise<number | null> {
    const { rows } = await this.sql.query<{ user_id: number }>(`delete from sessions where token_hash = $1 returning user_id`, [sha256(token)]);
    return rows[0]?.user_id ?? null;
  }

  /** Ends every session of the user, except the one making the request when given. */
  async destroyAll(userId: number, keepToken?: string, sql: Queryable = this.sql): Promise<void> {
    await sql.query(`delete from sessions where user_id = $1 and token_hash <> $2`, [userId, keepToken ? sha256(keepToken) : '']);
  }
}
