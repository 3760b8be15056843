import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { forbidden, notFound, validationError } from '../../domain/shared/errors.js';
import { UserSchema } from '../../db/identity/user.entity.js';
import { MembershipSchema, type Membership } from '../../db/tenancy/membership.entity.js';
import { canManage } from '../../domain/tenancy/roles.js';
import type { TenantSettings } from '../../domain/tenancy/settings.js';
import { createOwnedTenant, slugTaken, type NewTenant } from './tenant-creation.js';
import { TenantSchema, type Tenant } from '../../db/tenancy/tenant.entity.js';
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
  constructor(private readonly orm: MikroORM) {}

  async listFor(userId: number, page: { limit: number; offset: number }): Promise<{ rows: TenantView[]; count: number }> {
    const em = this.orm.em.fork();
    const activeTenantId = await this.activeTenantOf(em, userId);
    const [memberships, count] = await em.findAndCount(
      MembershipSchema,
      { userId },
      { orderBy: { createdAt: 'asc', tenantId: 'asc' }, limit: page.limit, offset: page.offset },
    );
    const tenants = await em.find(TenantSchema, { id: { $in: memberships.map((m) => m.tenantId) } });
    const byId = new Map(tenants.map((t) => [t.id, t]));
    const rows = memberships.map((m) => tenantView(byId.get(m.tenantId)!, m.role, m.tenantId === activeTenantId));
    return { rows, count };
  }

  async create(userId: number, input: NewTenant): Promise<TenantView> {
    const em = this.orm.em.fork();
    const tenant = await em.transactional((tx) => createOwnedTenant(tx, userId, input));
    return tenantView(tenant, 'owner', tenant.id === (await this.activeTenantOf(em, userId)));
  }

  async get(userId: number, tenantId: number): Promise<TenantView> {
    const em = this.orm.em.fork();
    const { tenant, membership } = await this.memberOf(em, userId, tenantId);
    return tenantView(tenant, membership.role, tenantId === (await this.activeTenantOf(em, userId)));
  }

  /** Owners and admins only; settings given replace the stored object (PUT semantics per field). */
  async update(userId: number, tenantId: number, changes: TenantChanges): Promise<TenantView> {
    const em = this.orm.em.fork();
    const { tenant, membership } = await this.memberOf(em, userId, tenantId);
    if (!canManage(membership.role)) throw forbidden('Only the tenant owner or an admin can change the tenant.');
    if (changes.slug !== undefined && changes.slug !== tenant.slug && (await slugTaken(em, changes.slug, tenant.id))) {
      throw validationError({ slug: ['A tenant with this slug already exists.'] });
    }
    if (changes.name !== undefined) tenant.name = changes.name;
    if (changes.slug !== undefined) tenant.slug = changes.slug;
    if (changes.defaultRegion !== undefined) tenant.defaultRegion = changes.defaultRegion;
    if (changes.settings !== undefined) tenant.settings = changes.settings;
    await em.flush();
    return tenantView(tenant, membership.role, tenantId === (await this.activeTenantOf(em, userId)));
  }

  /** Makes `tenantId` the user's active tenant: every later request of theirs is scoped to it. */
  async switchTo(userId: number, tenantId: number): Promise<TenantView> {
    const em = this.orm.em.fork();
    const { tenant, membership } = await this.memberOf(em, userId, tenantId);
    await em.nativeUpdate(UserSchema, { id: userId }, { activeTenantId: tenantId });
    return tenantView(tenant, membership.role, true);
  }

  /** The tenant and the caller's membership in it, or 404 when they are not a member. */
  async memberOf(em: EntityManager, userId: number, tenantId: number): Promise<{ tenant: Tenant; membership: Membership }> {
    const membership = await em.findOne(MembershipSchema, { tenantId, userId });
    const tenant = membership ? await em.findOne(TenantSchema, { id: tenantId }) : null;
    if (!membership || !tenant) throw notFound(TENANT_NOT_FOUND);
    return { tenant, membership };
  }

  private async activeTenantOf(em: EntityManager, userId: number): Promise<number | null> {
    const user = await em.findOne(UserSchema, { id: userId }, { fields: ['activeTenantId'] });
    return user?.activeTenantId ?? null;
  }
}
