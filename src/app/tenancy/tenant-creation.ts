import type { EntityManager } from '@mikro-orm/postgresql';
import { validationError } from '../../domain/shared/errors.js';
import { MembershipSchema } from '../../db/tenancy/membership.entity.js';
import type { TenantSettings } from '../../domain/tenancy/settings.js';
import { slugify, withRandomSuffix } from '../../domain/tenancy/slug.js';
import { TenantSchema, type Tenant } from '../../db/tenancy/tenant.entity.js';

export interface NewTenant {
  name: string;
  slug?: string;
  defaultRegion?: string;
  settings?: TenantSettings;
}

/** Creates a tenant owned by `ownerId` inside the caller's unit of work (registration or POST /tenants/). */
export async function createOwnedTenant(em: EntityManager, ownerId: number, input: NewTenant): Promise<Tenant> {
  const slug = await chooseSlug(em, input);
  const tenant = em.create(TenantSchema, {
    name: input.name,
    slug,
    defaultRegion: input.defaultRegion ?? 'US',
    settings: input.settings ?? {},
  });
  await em.flush();
  em.create(MembershipSchema, { tenantId: tenant.id, userId: ownerId, role: 'owner' });
  await em.flush();
  return tenant;
}

/** A slug the caller chose must be free; a derived one gets a random suffix when its name is taken. */
async function chooseSlug(em: EntityManager, input: NewTenant): Promise<string> {
  if (input.slug) {
    if (await slugTaken(em, input.slug)) throw validationError({ slug: ['A tenant with this slug already exists.'] });
    return input.slug;
  }
  const base = slugify(input.name);
  return (await slugTaken(em, base)) ? withRandomSuffix(base) : base;
}

export async function slugTaken(em: EntityManager, slug: string, exceptTenantId?: number): Promise<boolean> {
  const found = await em.findOne(TenantSchema, { slug }, { fields: ['id'] });
  return !!found && found.id !== exceptTenantId;
}
