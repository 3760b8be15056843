import { z } from 'zod';

/**
 * The success and error bodies of each seed family, as zod schemas: the OpenAPI document shows them and
 * the contract test checks real answers against them. They mirror `envelopes.ts`, which renders them.
 */

/** Seed 000: `{message, data}`. */
export const phoneEnvelope = <T extends z.ZodType>(data: T) => z.object({ message: z.string(), data });

/** Seed 004: `{success: true, status, message?, data}`. */
export const mifumoEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ success: z.literal(true), status: z.number().int(), message: z.string().optional(), data });

/** Seeds 001/004 paging inside a page's `data` or at the top level. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ results: z.array(item), count: z.number().int(), next: z.string().nullable().optional(), previous: z.string().nullable().optional() });

const fieldErrors = z.record(z.string(), z.array(z.string()));

export const phoneError = z.object({ message: z.literal('Errors'), errors: fieldErrors });

export const mifumoError = z.object({
  success: z.literal(false),
  status: z.number().int(),
  message: z.string(),
  error: z.string(),
  errors: fieldErrors.optional(),
  error_code: z.string(),
  code: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const channelsError = z.looseObject({ error: z.string(), details: z.unknown() });

/** Seeds 001/002: `{detail}`; validation adds 002's fields and 001's field lists at the top level. */
export const drfError = z.looseObject({
  detail: z.string(),
  error: z.string().optional(),
  code: z.string().optional(),
  fields: fieldErrors.optional(),
  retry_after: z.number().int().optional(),
  timestamp: z.string().optional(),
  request_id: z.string().optional(),
});

/** /api/auth/ is shared by 001 and 004: the union of both shapes in one body. */
export const authError = z.looseObject({ ...drfError.shape, ...mifumoError.shape });
