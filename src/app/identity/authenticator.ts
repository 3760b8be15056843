import type pg from 'pg';
import type { Principal } from '../../domain/identity/principal.js';
import type { JwtIssuer } from '../../domain/identity/jwt.js';
import { sha256 } from '../../domain/identity/secrets.js';

/** Turns a credential (JWT, API key, session cookie) into a Principal, or null when it is not valid now. */
export class Authenticator {
  constructor(private readonly pool: pg.Pool, private readonly jwt: JwtIssuer) {}

  /** A JWT signed before the user's credentials epoch last advanced (password change, reset, logout) is refused. */
  async fromJwt(token: string): Promise<Principal | null> {
    const claims = await this.jwt.verify(token);
    if (!claims) return null;
    const found = await this.lookup(claims.userId, 'jwt');
    return found && found.epoch === claims.epoch ? found.principal : null;
  }

  async fromApiKey(key: string): Promise<Principal | null> {
    const hash = sha256(key);
    const { rows } = await this.pool.query<{ user_id: number; stale: boolean }>(
      `select user_id, (last_used_at is null or last_used_at < now() - interval '1 minute') as stale
         from api_keys where key_hash = $1 and revoked_at is null`,
      [hash],
    );
    if (!rows[0]) return null;
    // Writing last_used_at on every request would queue concurrent requests of one key on its row lock.
    if (rows[0].stale) void this.pool.query(`update api_keys set last_used_at = now() where key_hash = $1`, [hash]).catch(() => undefined);
    return this.principalFor(rows[0].user_id, 'api_key');
  }

  async fromSession(sessionToken: string): Promise<Principal | null> {
    const { rows } = await this.pool.query<{ user_id: number }>(
      `select user_id from sessions where token_hash = $1 and expires_at > now()`,
      [sha256(sessionToken)],
    );
    return rows[0] ? this.principalFor(rows[0].user_id, 'session') : null;
  }

  async principalFor(userId: number, via: Principal['via'], tenantId?: number): Promise<Principal | null> {
    return (await this.lookup(userId, via, tenantId))?.principal ?? null;
  }

  private async lookup(userId: number, via: Principal['via'], tenantId?: number): Promise<{ principal: Principal; epoch: number } | null> {
    const { rows } = await this.pool.query<{ id: number; email: string; username: string; tenant_id: number | null; role: Principal['role'] | null; credentials_epoch: string }>(
      `select u.id, u.email, u.username, m.tenant_id, m.role, u.credentials_epoch
         from users u
         left join memberships m on m.user_id = u.id and m.tenant_id = coalesce($2::bigint, u.active_tenant_id)
        where u.id = $1 and u.is_active`,
      [userId, tenantId ?? null],
    );
    const row = rows[0];
    if (!row || row.tenant_id === null || row.role === null) return null;
    return { principal: { userId: row.id, email: row.email, username: row.username, tenantId: row.tenant_id, role: row.role, via }, epoch: Number(row.credentials_epoch) };
  }
}
