import { notFound } from '../../domain/shared/errors.js';
import { newApiKey, sha256 } from '../../domain/identity/secrets.js';
import type { Queryable } from '../queryable.js';

export interface IssuedApiKey {
  id: number;
  /** The plain key: shown once, stored only as its SHA-256. */
  key: string;
  prefix: string;
  name: string;
  created_at: string;
}

/** API keys for `Authorization: Token <key>` (seeds 000, 002) and `X-API-Key`. */
export class ApiKeys {
  constructor(private readonly sql: Queryable) {}

  async generate(userId: number, name = 'default'): Promise<IssuedApiKey> {
    const key = newApiKey();
    const prefix = key.slice(0, 8);
    const { rows } = await this.sql.query<{ id: number; created_at: Date }>(
      `insert into api_keys (user_id, name, prefix, key_hash) values ($1, $2, $3, $4) returning id, created_at`,
      [userId, name, prefix, sha256(key)],
    );
    return { id: rows[0].id, key, prefix, name, created_at: rows[0].created_at.toISOString() };
  }

  /** Revokes one of the user's keys, by id or by the plain key; another user's key is "not found". */
  async revoke(userId: number, which: { id?: number; key?: string }): Promise<number> {
    if (which.id === undefined && !which.key) throw new Error('ApiKeys.revoke needs an id or a key');
    const { rows } = await this.sql.query<{ id: number }>(
      `update api_keys set revoked_at = now()
        where user_id = $1 and revoked_at is null and ($2::bigint is null or id = $2) and ($3::text is null or key_hash = $3)
        returning id`,
      [userId, which.id ?? null, which.key ? sha256(which.key) : null],
    );
    if (!rows.length) throw notFound('API key not found.');
    return rows.length;
  }

  async revokeAll(userId: number, sql: Queryable = this.sql): Promise<number> {
    const { rowCount } = await sql.query(`update api_keys set revoked_at = now() where user_id = $1 and revoked_at is null`, [userId]);
    return rowCount ?? 0;
  }
}
