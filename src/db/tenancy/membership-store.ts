import type { Queryable } from '../queryable.js';
import type { Role } from '../../domain/tenancy/roles.js';
import type { Tenant } from './tenant-store.js';

export interface Membership {
  tenantId: number;
  userId: number;
  role: Role;
  createdAt: Date;
}

export interface Member {
  userId: number;
  email: string;
  username: string;
  firstName: string;
  lastName: string;
  role: Role;
  joinedAt: Date;
}

/** Who belongs to which tenant. `memberships` is read before a tenant scope exists, so it is global (see migration RowLevelSecurity). */
export async function findMembership(db: Queryable, tenantId: number, userId: number): Promise<Membership | null> {
  const { rows } = await db.query<Membership>(
    `select tenant_id as "tenantId", user_id as "userId", role, created_at as "createdAt" from memberships where tenant_id = $1 and user_id = $2`,
    [tenantId, userId],
  );
  return rows[0] ?? null;
}

/** A page of the user's tenants, oldest membership first, with their role in each. */
export async function tenantsOfUser(db: Queryable, userId: number, page: { limit: number; offset: number }): Promise<{ rows: { tenant: Tenant; role: Role }[]; count: number }> {
  const [list, total] = await Promise.all([
    db.query<Tenant & { role: Role }>(
      `select t.id, t.name, t.slug, t.default_region as "defaultRegion", t.settings, t.created_at as "createdAt", t.updated_at as "updatedAt", m.role
         from memberships m join tenants t on t.id = m.tenant_id
        where m.user_id = $1 order by m.created_at, m.tenant_id limit $2 offset $3`,
      [userId, page.limit, page.offset],
    ),
    db.query<{ n: number }>(`select count(*)::int as n from memberships where user_id = $1`, [userId]),
  ]);
  return { rows: list.rows.map(({ role, ...tenant }) => ({ tenant, role })), count: total.rows[0].n };
}

/** The tenant's members, in the order they joined. */
export async function membersOf(db: Queryable, tenantId: number): Promise<Member[]> {
  const { rows } = await db.query<Member>(
    `select u.id as "userId", u.email, u.username, u.first_name as "firstName", u.last_name as "lastName", m.role, m.created_at as "joinedAt"
       from memberships m join users u on u.id = m.user_id
      where m.tenant_id = $1 order by m.created_at, m.user_id`,
    [tenantId],
  );
  return rows;
}

export async function countOwners(db: Queryable, tenantId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from memberships where tenant_id = $1 and role = 'owner'`, [tenantId]);
  return rows[0].n;
}

export async function insertMembership(db: Queryable, tenantId: number, userId: number, role: Role): Promise<void> {
  await db.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)`, [tenantId, userId, role]);
}

/** Removes the membership and moves the user's active tenant, if it was this one, to their oldest remaining membership. */
export async function removeMembership(db: Queryable, tenantId: number, userId: number): Promise<void> {
  await db.query(`delete from memberships where tenant_id = $1 and user_id = $2`, [tenantId, userId]);
  await db.query(
    `update users u set active_tenant_id = (select m.tenant_id from memberships m where m.user_id = u.id order by m.created_at, m.tenant_id limit 1)
      where u.id = $1 and u.active_tenant_id = $2`,
    [userId, tenantId],
  );
}
