import type pg from 'pg';
import { forbidden, notFound } from '../../domain/shared/errors.js';
import { canManage } from '../../domain/tenancy/roles.js';
import type { TenantSettings } from '../../domain/tenancy/settings.js';
import { UserDirectory } from '../../db/identity/user-directory.js';
import { setActiveTenant } from '../../db/identity/user-accounts.js';
import { findMembership, tenantsOfUser, type Membership } from '../../db/tenancy/membership-store.js';
import { findTenant, slugTaken, slugTakenError, updateTenant, type Tenant } from '../../db/tenancy/tenant-store.js';
import { inTransaction } from '../../db/transaction.js';
import { createOwnedTenant, type NewTenant } from './tenant-creation.js';
import { tenantView, type TenantView } from './tenant-view.js';

export interface TenantChanges {
  name?: string;
  slug?: string;
  defaultRegion?: string;
  settings?: TenantSettings;
}

const TENANT_NOT_FOUND = 'Tenant not found.';

/**
 * Tenants as their members see them. A tenant the caller does not belong to does not exist for them
 * (404, never 403), so ids of other tenants reveal nothing.
 */
export class TenantService {
  private readonly users: UserDirectory;

  constructor(private readonly pool: pg.Pool) {
    this.users = new UserDirectory(pool);
  }

  async listFor(userId: number, page: { limit: number; offset: number }): Promise<{ rows: TenantView[]; count: number }> {
    const activeTenantId = await this.activeTenantOf(userId);
    const { rows, count } = await tenantsOfUser(this.pool, userId, page);
    return { rows: rows.map(({ tenant, role }) => tenantView(tenant, role, tenant.id === activeTenantId)), count };
  }

  async create(userId: number, input: NewTenant): Promise<TenantView> {
    const tenant = await inTransaction(this.pool, (client) => createOwnedTenant(client, userId, input));
    return tenantView(tenant, 'owner', tenant.id === (await this.activeTenantOf(userId)));
  }

  async get(userId: number, tenantId: number): Promise<TenantView> {
    const { tenant, membership } = await this.memberOf(userId, tenantId);
    return tenantView(tenant, membership.role, tenantId === (await this.activeTenantOf(userId)));
  }

  /** Owners and admins only; settings given replace the stored object (PUT semantics per field). */
  async update(userId: number, tenantId: number, changes: TenantChanges): Promise<TenantView> {
    const { tenant, membership } = await this.memberOf(userId, tenantId);
    if (!canManage(membership.role)) throw forbidden('Only the tenant owner or an admin can change the tenant.');
    if (changes.slug !== undefined && changes.slug !== tenant.slug && (await slugTaken(this.pool, changes.slug, tenant.id))) throw slugTakenError();
    const updated = await updateTenant(this.pool, tenantId, changes);
    if (!updated) throw notFound(TENANT_NOT_FOUND);
    return tenantView(updated, membership.role, tenantId === (await this.activeTenantOf(userId)));
  }

  /** Makes `tenantId` the user's active tenant: every later request of theirs is scoped to it. */
  async switchTo(userId: number, tenantId: number): Promise<TenantView> {
    const { tenant, membership } = await this.memberOf(userId, tenantId);
    await setActiveTenant(this.pool, userId, tenantId);
    return tenantView(tenant, membership.role, true);
  }

  /** The tenant and the caller's membership in it, or 404 when they are not a member. */
  async memberOf(userId: number, tenantId: number): Promise<{ tenant: Tenant; membership: Membership }> {
    const membership = await findMembership(this.pool, tenantId, userId);
    const tenant = membership ? await findTenant(this.pool, tenantId) : null;
    if (!membership || !tenant) throw notFound(TENANT_NOT_FOUND);
    return { tenant, membership };
  }

  private async activeTenantOf(userId: number): Promise<number | null> {
    return (await this.users.byId(userId))?.active_tenant_id ?? null;
  }
}
