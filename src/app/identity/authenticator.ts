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
    const found = await this.lookup(CREDENTIAL.user, claims.userId, 'jwt');
    return found && found.epoch === claims.epoch ? found.principal : null;
  }

  async fromApiKey(key: string): Promise<Principal | null> {
    const hash = sha256(key);
    const found = await this.lookup(CREDENTIAL.apiKey, hash, 'api_key');
    if (!found) return null;
    // Writing last_used_at on every request would queue concurrent requests of one key on its row lock.
    if (found.stale) void this.pool.query(`update api_keys set last_used_at = now() where key_hash = $1`, [hash]).catch(() => undefined);
    return found.principal;
  }

  async fromSession(sessionToken: string): Promise<Principal | null> {
    return (await this.lookup(CREDENTIAL.session, sha256(sessionToken), 'session'))?.principal ?? null;
  }

  async principalFor(userId: number, via: Principal['via'], tenantId?: number): Promise<Principal | null> {
    return (await this.lookup(CREDENTIAL.user, userId, via, tenantId))?.principal ?? null;
  }

  /** The credential, its user and the membership it acts in, in one statement (one round trip per request). */
  private async lookup(credential: Credential, key: string | number, via: Principal['via'], tenantId?: number): Promise<{ principal: Principal; epoch: number; stale: boolean } | null> {
    const { rows } = await this.pool.query<{ id: number; email: string; username: string; tenant_id: number | null; role: Principal['role'] | null; credentials_epoch: string; stale: boolean }>(
      `select u.id, u.email, u.username, m.tenant_id, m.role, u.credentials_epoch, ${credential.stale} as stale
         from ${credential.from}
         left join memberships m on m.user_id = u.id and m.tenant_id = coalesce($2::bigint, u.active_tenant_id)
        where ${credential.match} and u.is_active`,
      [key, tenantId ?? null],
    );
    const row = rows[0];
    if (!row || row.tenant_id === null || row.role === null) return null;
    return { principal: { userId: row.id, email: row.email, username: row.username, tenantId: row.tenant_id, role: row.role, via }, epoch: Number(row.credentials_epoch), stale: row.stale };
  }
}

/** Where each credential's user comes from (`$1` is the credential's key) and whether its last use is worth recording. */
interface Credential {
  from: string;
  match: string;
  stale: string;
}

const CREDENTIAL = {
  user: { from: 'users u', match: 'u.id = $1', stale: 'false' },
  session: { from: 'sessions s join users u on u.id = s.user_id', match: 's.token_hash = $1 and s.expires_at > now()', stale: 'false' },
  apiKey: {
    from: 'api_keys k join users u on u.id = k.user_id',
    match: 'k.key_hash = $1 and k.revoked_at is null',
    stale: `(k.last_used_at is null or k.last_used_at < now() - interval '1 minute')`,
  },
} satisfies Record<string, Credential>;
