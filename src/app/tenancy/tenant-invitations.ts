import type pg from 'pg';
import { withTenant } from '../../db/tenant-scope.js';
import { conflict, forbidden, validationError } from '../../domain/shared/errors.js';
import type { Mailer } from '../../domain/identity/mailer.js';
import { UserDirectory } from '../../db/identity/user-directory.js';
import type { InvitationStore } from '../../db/tenancy/invitation-store.js';
import { findMembership } from '../../db/tenancy/membership-store.js';
import { type Role } from '../../domain/tenancy/roles.js';
import { canGrant } from '../../domain/tenancy/roles.js';
import type { TenantService } from './tenant-service.js';
import type { TenantView } from './tenant-view.js';

const INVITATION_TTL_SECONDS = 7 * 24 * 3600;
export const INVALID_INVITATION = 'Invalid or expired invitation.';

export interface InvitationView {
  email: string;
  role: Role;
  status: 'invited';
  expires_at: string;
}

/**
 * Adding a member is an invitation by email, answered the same whether or not the address has an account,
 * so the endpoint tells an owner nothing about who is registered. An existing user joins by accepting the
 * emailed token while signed in as that address; a new one registers with it (`invitation_token`).
 */
export class TenantInvitations {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tenants: TenantService,
    private readonly store: InvitationStore,
    private readonly mailer: Mailer,
    private readonly publicBaseUrl: string,
  ) {}

  async invite(callerId: number, tenantId: number, email: string, role: Role): Promise<InvitationView> {
    const { tenant, membership: caller } = await this.tenants.memberOf(callerId, tenantId);
    if (!canGrant(caller.role, role)) throw forbidden('Only owners can add owners; only owners and admins can add members.');
    // Members are listed to whoever may invite, so saying so reveals nothing new.
    const user = await new UserDirectory(this.pool).byEmail(email);
    if (user && (await findMembership(this.pool, tenantId, user.id))) throw conflict('This user is already a member of the tenant.');
    // The path may name a tenant other than the caller's active one: its membership was checked above.
    const issued = await withTenant(tenantId, () => this.store.issue(tenantId, email, role, callerId, INVITATION_TTL_SECONDS));
    const link = `${this.publicBaseUrl}/accept-invitation?token=${encodeURIComponent(issued.token)}`;
    await this.mailer.send({
      to: email,
      kind: 'invitation',
      subject: `You are invited to ${tenant.name} on Switchboard`,
      body:
        `You have been invited to join ${tenant.name} on Switchboard as ${role}.\n\n` +
        `Accept here (valid for seven days, once); if you have no account yet, sign up with this email address from the same link:\n${link}\n\n` +
        `Your invitation token: ${issued.token}\n\nIf you did not expect this, ignore this email.`,
    });
    return { email, role, status: 'invited', expires_at: issued.expiresAt.toISOString() };
  }

  /** The signed-in user joins the tenant the token invites them to. */
  async accept(userId: number, token: string): Promise<TenantView> {
    const accepted = await this.store.accept(token, userId);
    if (!accepted) throw validationError({ token: [INVALID_INVITATION] }, INVALID_INVITATION);
    return this.tenants.get(userId, accepted.tenantId);
  }
}
