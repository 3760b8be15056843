import type { Queryable } from '../../db/queryable.js';
import { insertMembership } from '../../db/tenancy/membership-store.js';
import { insertTenant, insertTenantUnlessSlugTaken, slugTaken, slugTakenError, type Tenant } from '../../db/tenancy/tenant-store.js';
import { conflict } from '../../domain/shared/errors.js';
import type { TenantSettings } from '../../domain/tenancy/settings.js';
import { randomSlugSuffix, slugify } from '../../domain/tenancy/slug.js';

export interface NewTenant {
  name: string;
  slug?: string;
  defaultRegion?: string;
  settings?: TenantSettings;
  /**
   * The name was made up for the owner (a registration without `tenant_name`): when its slug is taken,
   * the name takes the slug's suffix too, so default names stay as distinct as their slugs.
   */
  defaultName?: boolean;
}

/** Tries of a derived slug: the name's own, then random suffixes (16M of them, so a second try all but always lands). */
const DERIVED_SLUG_TRIES = 5;

/** Creates a tenant owned by `ownerId` inside the caller's transaction (registration or POST /tenants/). */
export async function createOwnedTenant(db: Queryable, ownerId: number, input: NewTenant): Promise<Tenant> {
  const tenant = input.slug ? await insertWithChosenSlug(db, input, input.slug) : await insertWithDerivedSlug(db, input);
  await insertMembership(db, tenant.id, ownerId, 'owner');
  return tenant;
}

/** A slug the caller chose must be free: taken (before or by a concurrent create) is the slug field's error. */
async function insertWithChosenSlug(db: Queryable, input: NewTenant, slug: string): Promise<Tenant> {
  if (await slugTaken(db, slug)) throw slugTakenError();
  return insertTenant(db, fields(input, input.name, slug));
}

/**
 * A derived slug is the name's, or that with a random suffix when taken. Taken is decided by the insert
 * itself (ON CONFLICT DO NOTHING), so two creates of one name at once both succeed, one suffixed.
 */
async function insertWithDerivedSlug(db: Queryable, input: NewTenant): Promise<Tenant> {
  const base = slugify(input.name);
  for (let attempt = 0; attempt < DERIVED_SLUG_TRIES; attempt++) {
    const suffix = attempt === 0 ? null : randomSlugSuffix();
    const name = suffix && input.defaultName ? `${input.name} ${suffix}` : input.name;
    const tenant = await insertTenantUnlessSlugTaken(db, fields(input, name, suffix ? `${base}-${suffix}` : base));
    if (tenant) return tenant;
  }
  throw conflict('Could not find a free workspace address for this name; retry, or choose another name or a slug.');
}

const fields = (input: NewTenant, name: string, slug: string) => ({ name, slug, defaultRegion: input.defaultRegion ?? 'US', settings: input.settings ?? {} });
