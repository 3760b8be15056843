import type pg from 'pg';
import { newOpaqueToken, sha256 } from '../../domain/identity/secrets.js';
import type { Role } from '../../domain/tenancy/roles.js';

export interface OpenInvitation {
  tenantId: number;
  email: string;
  role: Role;
}

export interface IssuedInvitation {
  token: string;
  email: string;
  role: Role;
  expiresAt: Date;
}

/**
 * Tenant invitations, stored as the SHA-256 of their emailed token. Issuing runs in the inviting tenant;
 * finding and accepting one start from the token alone, before the invitee is in that tenant, so they go
 * through the two `xt_` functions of migration 19 — called from this module only.
 */
export class InvitationStore {
  constructor(private readonly pool: pg.Pool) {}

  /** A new token for (tenant, email); an open invitation to the same address is renewed, its old link dies. */
  async issue(tenantId: number, email: string, role: Role, invitedBy: number, ttlSeconds: number): Promise<IssuedInvitation> {
    const token = newOpaqueToken();
    const { rows } = await this.pool.query<{ expires_at: Date }>(
      `insert into tenant_invitations (tenant_id, email, role, token_hash, invited_by, expires_at)
       values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
       on conflict (tenant_id, lower(email)) where accepted_at is null
       do update set role = excluded.role, token_hash = excluded.token_hash, invited_by = excluded.invited_by,
                     expires_at = excluded.expires_at, created_at = now()
       returning expires_at`,
      [tenantId, email, role, sha256(token), invitedBy, ttlSeconds],
    );
    return { token, email, role, expiresAt: rows[0].expires_at };
  }

  /** The live, unaccepted invitation behind a token, or null. */
  async find(token: string): Promise<OpenInvitation | null> {
    const { rows } = await this.pool.query<{ tenant_id: string; email: string; role: Role }>(`select * from xt_invitation_by_token($1)`, [sha256(token)]);
    return rows[0] ? { tenantId: Number(rows[0].tenant_id), email: rows[0].email, role: rows[0].role } : null;
  }

  /** Makes the user a member when the token is live and addressed to their email; null otherwise. */
  async accept(token: string, userId: number): Promise<{ tenantId: number; role: Role } | null> {
    const { rows } = await this.pool.query<{ tenant_id: string; role: Role }>(`select * from xt_accept_invitation($1, $2)`, [sha256(token), userId]);
    return rows[0] ? { tenantId: Number(rows[0].tenant_id), role: rows[0].role } : null;
  }
}
