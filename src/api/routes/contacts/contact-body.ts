import { z } from 'zod';
import { TEXT_LIMITS } from '../../../domain/contacts/column-names.js';

/**
 * A contact body as the OpenAPI document shows it. Every field passes through untouched (absent stays
 * absent): `validateContactInput`, the one gate of every contact entry point, judges them, accepting the
 * aliases column-names.ts lists (phone_number, full_name …) too.
 */
const passThrough = (meta: Record<string, unknown>) => z.unknown().optional().meta(meta);

const textFields = Object.fromEntries(Object.entries(TEXT_LIMITS).map(([name, maxLength]) => [name, passThrough({ type: ['string', 'null'], maxLength })]));

export const contactBody = z.looseObject({
  name: passThrough({ type: ['string', 'null'], maxLength: 300, description: 'Split into first and last name unless those are given' }),
  ...textFields,
  email: passThrough({ type: ['string', 'null'], format: 'email', description: 'A contact needs an email or a phone number' }),
  phone_e164: passThrough({ type: ['string', 'null'], description: 'E.164, or national in the tenant’s default region (alias: phone_number, phone)' }),
  employees: passThrough({ type: ['integer', 'string', 'null'], minimum: 0 }),
  annual_revenue: passThrough({ type: ['number', 'string', 'null'], minimum: 0 }),
  tags: passThrough({ type: ['array', 'string'], items: { type: 'string' } }),
  attributes: passThrough({ type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } }),
  is_active: passThrough({ type: ['boolean', 'string'] }),
});
