import { randomBytes } from 'node:crypto';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A URL-safe slug from a tenant name ("Acme Café Ltd" → "acme-cafe-ltd"). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'tenant';
}

/** Six hex digits that tell apart tenants whose names derive the same slug. */
export const randomSlugSuffix = () => randomBytes(3).toString('hex');
