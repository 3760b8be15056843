import { z } from 'zod';
import { DEFAULT_EXPORT_FIELDS, EXPORT_FIELDS, type ExportField } from '../../../app/contacts/contact-export.js';

const MAX_EXPORT_IDS = 10_000;

const contactId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/).transform(Number)], { error: 'A valid integer is required.' });

/** Seed 001 export request: which contacts, and which columns (unknown column names are refused). */
export const exportBody = z.object({
  contact_ids: z
    .array(contactId, { error: 'Expected a list of contact ids.' })
    .min(1, 'This list may not be empty.')
    .max(MAX_EXPORT_IDS, `Ensure this field has no more than ${MAX_EXPORT_IDS} elements.`),
  fields: z
    .array(z.string(), { error: 'Expected a list of field names.' })
    .optional()
    .transform((fields, ctx): ExportField[] => {
      if (!fields?.length) return DEFAULT_EXPORT_FIELDS;
      const unknown = fields.filter((f) => !(EXPORT_FIELDS as readonly string[]).includes(f));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: `Unknown field(s): ${unknown.join(', ')}. Allowed: ${EXPORT_FIELDS.join(', ')}.` });
        return z.NEVER;
      }
      return [...new Set(fields)] as ExportField[];
    }),
});
