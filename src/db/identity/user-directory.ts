import type { Queryable } from '../queryable.js';
import type { ActiveTenant, UserRow } from '../../domain/identity/user-view.js';
import { userView, type UserView } from '../../domain/identity/user-view.js';

/** Intent-named reads of users, their active tenant and their membership there. */
export class UserDirectory {
  constructor(private readonly sql: Queryable) {}

  /** By email or username, case-insensitively; an email match wins over another user's username. */
  async byLogin(identifier: string): Promise<UserRow | null> {
    const { rows } = await this.sql.query<UserRow>(
      `select * from users where lower(email) = lower($1) or lower(username) = lower($1)
        order by (lower(email) = lower($1)) desc limit 1`,
      [identifier.trim()],
    );
    return rows[0] ?? null;
  }

  async byEmail(email: string): Promise<UserRow | null> {
    const { rows } = await this.sql.query<UserRow>(`select * from users where lower(email) = lower($1)`, [email.trim()]);
    return rows[0] ?? null;
  }

  async byId(userId: number, sql: Queryable = this.sql): Promise<UserRow | null> {
    const { rows } = await sql.query<UserRow>(`select * from users where id = $1`, [userId]);
    return rows[0] ?? null;
  }

  async tenantOf(userId: number, tenantId: number | null): Promise<ActiveTenant | null> {
    if (tenantId === null) return null;
    const { rows } = await this.sql.query<ActiveTenant>(
      `select t.id, t.name, m.role from tenants t join memberships m on m.tenant_id = t.id and m.user_id = $1 where t.id = $2`,
      [userId, tenantId],
    );
    return rows[0] ?? null;
  }

  /** The user's view scoped to `tenantId` (the request's tenant), or to their stored active tenant. */
  async view(userId: number, tenantId?: number): Promise<UserView | null> {
    const user = await this.byId(userId);
    if (!user) return null;
    return userView(user, await this.tenantOf(userId, tenantId ?? user.active_tenant_id));
  }

  /** Points active_tenant_id at a tenant the user still belongs to (kept if valid, else the oldest membership). */
  async repairActiveTenant(userId: number): Promise<void> {
    await this.sql.query(
      `update users u set active_tenant_id = (
          select m.tenant_id from memberships m where m.user_id = u.id
           order by (m.tenant_id = u.active_tenant_id) desc nulls last, m.created_at, m.tenant_id limit 1)
        where u.id = $1`,
      [userId],
    );
  }
}
