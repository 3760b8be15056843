import type { Queryable } from '../queryable.js';
import { fieldError } from '../../domain/shared/errors.js';
import type { TenantSettings } from '../../domain/tenancy/settings.js';
import { isUniqueViolation } from '../errors.js';

export interface Tenant {
  id: number;
  name: string;
  slug: string;
  defaultRegion: string;
  settings: TenantSettings;
  createdAt: Date;
  updatedAt: Date;
}

export interface TenantFields {
  name: string;
  slug: string;
  defaultRegion: string;
  settings: TenantSettings;
}

const COLUMNS = `id, name, slug, default_region as "defaultRegion", settings, created_at as "createdAt", updated_at as "updatedAt"`;
const SLUG_UNIQUE = 'tenants_slug_key';

export const slugTakenError = () => fieldError('slug', 'A tenant with this slug already exists.');

/** Tenants are global rows (the tenant itself, not tenant-owned data): members reach them through memberships. */
export async function findTenant(db: Queryable, id: number): Promise<Tenant | null> {
  const { rows } = await db.query<Tenant>(`select ${COLUMNS} from tenants where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function slugTaken(db: Queryable, slug: string, exceptTenantId?: number): Promise<boolean> {
  const { rows } = await db.query(`select 1 from tenants where slug = $1 and id is distinct from $2`, [slug, exceptTenantId ?? null]);
  return rows.length > 0;
}

/** A slug taken by a concurrent create or update between the check and the write is the same field error. */
export async function insertTenant(db: Queryable, fields: TenantFields): Promise<Tenant> {
  const { rows } = await db
    .query<Tenant>(`insert into tenants (name, slug, default_region, settings) values ($1, $2, $3, $4) returning ${COLUMNS}`, [
      fields.name,
      fields.slug,
      fields.defaultRegion,
      JSON.stringify(fields.settings),
    ])
    .catch(slugViolation);
  return rows[0];
}

/**
 * The same insert for a slug derived from the name: null when the slug is taken, committed or not (a
 * concurrent insert of it is waited for), so the caller can try another without aborting its transaction.
 */
export async function insertTenantUnlessSlugTaken(db: Queryable, fields: TenantFields): Promise<Tenant | null> {
  const { rows } = await db.query<Tenant>(
    `insert into tenants (name, slug, default_region, settings) values ($1, $2, $3, $4) on conflict (slug) do nothing returning ${COLUMNS}`,
    [fields.name, fields.slug, fields.defaultRegion, JSON.stringify(fields.settings)],
  );
  return rows[0] ?? null;
}

/** Writes the given fields; `updated_at` moves only when one of them changes a value. */
export async function updateTenant(db: Queryable, id: number, changes: Partial<TenantFields>): Promise<Tenant | null> {
  const values = [changes.name ?? null, changes.slug ?? null, changes.defaultRegion ?? null, changes.settings === undefined ? null : JSON.stringify(changes.settings)];
  const { rows } = await db
    .query<Tenant>(
      `update tenants set name = coalesce($2, name), slug = coalesce($3, slug), default_region = coalesce($4, default_region),
              settings = coalesce($5::jsonb, settings), updated_at = now()
        where id = $1
          and (name, slug, default_region, settings) is distinct from (coalesce($2, name), coalesce($3, slug), coalesce($4, default_region), coalesce($5::jsonb, settings))
        returning ${COLUMNS}`,
      [id, ...values],
    )
    .catch(slugViolation);
  return rows[0] ?? findTenant(db, id);
}

function slugViolation(err: unknown): never {
  if (isUniqueViolation(err) && err.constraint === SLUG_UNIQUE) throw slugTakenError();
  throw err;
}
