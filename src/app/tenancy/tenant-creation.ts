import type { Queryable } from '../../db/queryable.js';
import { insertMembership } from '../../db/tenancy/membership-store.js';
import { insertTenant, slugTaken, slugTakenError, type Tenant } from '../../db/tenancy/tenant-store.js';
import type { TenantSettings } from '../../domain/tenancy/settings.js';
import { slugify, withRandomSuffix } from '../../domain/tenancy/slug.js';

export interface NewTenant {
  name: string;
  slug?: string;
  defaultRegion?: string;
  settings?: TenantSettings;
}

/** Creates a tenant owned by `ownerId` inside the caller's transaction (registration or POST /tenants/). */
export async function createOwnedTenant(db: Queryable, ownerId: number, input: NewTenant): Promise<Tenant> {
  const tenant = await insertTenant(db, {
    name: input.name,
    slug: await chooseSlug(db, input),
    defaultRegion: input.defaultRegion ?? 'US',
    settings: input.settings ?? {},
  });
  await insertMembership(db, tenant.id, ownerId, 'owner');
  return tenant;
}

/** A slug the caller chose must be free; a derived one gets a random suffix when its name is taken. */
async function chooseSlug(db: Queryable, input: NewTenant): Promise<string> {
  if (input.slug) {
    if (await slugTaken(db, input.slug)) throw slugTakenError();
    return input.slug;
  }
  const base = slugify(input.name);
  return (await slugTaken(db, base)) ? withRandomSuffix(base) : base;
}
