import type { MikroORM } from '@mikro-orm/postgresql';
import { conflict, forbidden, notFound } from '../../domain/shared/errors.js';
import { UserSchema, type User } from '../../db/identity/user.entity.js';
import { MembershipSchema, type Membership } from '../../db/tenancy/membership.entity.js';
import { canGrant } from '../../domain/tenancy/roles.js';
import type { TenantService } from './tenant-service.js';

function memberView(m: Membership, u: User) {
  return {
    user_id: u.id,
    email: u.email,
    username: u.username,
    name: `${u.firstName} ${u.lastName}`.trim(),
    role: m.role,
    joined_at: m.createdAt.toISOString(),
  };
}

export type MemberView = ReturnType<typeof memberView>;

/** Who belongs to a tenant; owners and admins remove members (they join by invitation: tenant-invitations.ts). */
export class TenantMembers {
  constructor(private readonly orm: MikroORM, private readonly tenants: TenantService) {}

  async list(callerId: number, tenantId: number): Promise<MemberView[]> {
    const em = this.orm.em.fork();
    await this.tenants.memberOf(em, callerId, tenantId);
    const memberships = await em.find(MembershipSchema, { tenantId }, { orderBy: { createdAt: 'asc', userId: 'asc' } });
    const users = await em.find(UserSchema, { id: { $in: memberships.map((m) => m.userId) } });
    const byId = new Map(users.map((u) => [u.id, u]));
    return memberships.map((m) => memberView(m, byId.get(m.userId)!));
  }

  /** Removes a member (never the last owner); their active tenant moves to one they still belong to. */
  async remove(callerId: number, tenantId: number, userId: number): Promise<void> {
    const em = this.orm.em.fork();
    const { membership: caller } = await this.tenants.memberOf(em, callerId, tenantId);
    const target = await em.findOne(MembershipSchema, { tenantId, userId });
    if (!target) throw notFound('Member not found.');
    if (callerId !== userId && !canGrant(caller.role, target.role)) throw forbidden('You cannot remove this member.');
    if (target.role === 'owner' && (await em.count(MembershipSchema, { tenantId, role: 'owner' })) === 1) {
      throw conflict('A tenant keeps at least one owner.');
    }
    await em.transactional(async (tx) => {
      await tx.nativeDelete(MembershipSchema, { tenantId, userId });
      await tx.execute(
        `update users u set active_tenant_id = (select m.tenant_id from memberships m where m.user_id = u.id order by m.created_at, m.tenant_id limit 1)
          where u.id = ? and u.active_tenant_id = ?`,
        [userId, tenantId],
      );
    });
  }
}
