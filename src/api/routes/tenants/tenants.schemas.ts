import { z } from 'zod';
import { ROLES } from '../../../domain/tenancy/roles.js';
import { isRegionCode } from '../../../domain/tenancy/regions.js';
import { MAX_SETTINGS_KEYS } from '../../../domain/tenancy/settings.js';
import { SLUG_PATTERN } from '../../../domain/tenancy/slug.js';

const name = z.string().trim().min(1, 'This field may not be blank.').max(200, 'Ensure this field has no more than 200 characters.');
const slug = z.string().trim().toLowerCase().max(50, 'Ensure this field has no more than 50 characters.').regex(SLUG_PATTERN, 'Enter a valid slug: lowercase letters, digits and single hyphens.');
const region = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isRegionCode, 'Enter a valid ISO 3166-1 alpha-2 country code, e.g. US or TZ.');
const settings = z
  .record(z.string().min(1).max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]), {
    error: 'Settings must be a flat object of string, number, boolean or null values.',
  })
  .refine((s) => Object.keys(s).length <= MAX_SETTINGS_KEYS, `At most ${MAX_SETTINGS_KEYS} settings.`);

export const createTenantBody = z.object({ name, slug: slug.optional(), default_region: region.optional(), settings: settings.optional() });
export const updateTenantBody = z.object({ name: name.optional(), slug: slug.optional(), default_region: region.optional(), settings: settings.optional() });
export const switchTenantBody = z.object({
  tenant_id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/, 'A valid integer is required.').transform(Number)]),
});
export const addMemberBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: 'Enter a valid email address.' })),
  role: z.enum(ROLES).default('member'),
});
export const acceptInvitationBody = z.object({ token: z.string().trim().min(1, 'This field may not be blank.').max(512) });
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});
