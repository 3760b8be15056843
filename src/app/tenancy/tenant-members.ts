import type pg from 'pg';
import { conflict, forbidden, notFound } from '../../domain/shared/errors.js';
import { canGrant } from '../../domain/tenancy/roles.js';
import { countOwners, findMembership, membersOf, removeMembership, type Member } from '../../db/tenancy/membership-store.js';
import { inTransaction } from '../../db/transaction.js';
import type { TenantService } from './tenant-service.js';

function memberView(m: Member) {
  return {
    user_id: m.userId,
    email: m.email,
    username: m.username,
    name: `${m.firstName} ${m.lastName}`.trim(),
    role: m.role,
    joined_at: m.joinedAt.toISOString(),
  };
}

export type MemberView = ReturnType<typeof memberView>;

/** Who belongs to a tenant; owners and admins remove members (they join by invitation: tenant-invitations.ts). */
export class TenantMembers {
  constructor(private readonly pool: pg.Pool, private readonly tenants: TenantService) {}

  async list(callerId: number, tenantId: number): Promise<MemberView[]> {
    await this.tenants.memberOf(callerId, tenantId);
    return (await membersOf(this.pool, tenantId)).map(memberView);
  }

  /** Removes a member (never the last owner); their active tenant moves to one they still belong to. */
  async remove(callerId: number, tenantId: number, userId: number): Promise<void> {
    const { membership: caller } = await this.tenants.memberOf(callerId, tenantId);
    const target = await findMembership(this.pool, tenantId, userId);
    if (!target) throw notFound('Member not found.');
    if (callerId !== userId && !canGrant(caller.role, target.role)) throw forbidden('You cannot remove this member.');
    if (target.role === 'owner' && (await countOwners(this.pool, tenantId)) === 1) {
      throw conflict('A tenant keeps at least one owner.');
    }
    await inTransaction(this.pool, (client) => removeMembership(client, tenantId, userId));
  }
}
