import type { Role } from '../../domain/tenancy/roles.js';
import type { Tenant } from '../../db/tenancy/tenant-store.js';

/** A tenant as seed 004 shows it, with the caller's role and whether it is their active tenant. */
export function tenantView(tenant: Tenant, role: Role, isActive: boolean) {
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    default_region: tenant.defaultRegion,
    settings: tenant.settings ?? {},
    created_at: tenant.createdAt.toISOString(),
    updated_at: tenant.updatedAt.toISOString(),
    role,
    is_active: isActive,
  };
}

export type TenantView = ReturnType<typeof tenantView>;
