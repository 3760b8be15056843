import { z } from 'zod';
import { LINE_TYPES, parseLineType } from '../../../domain/phone/line-types.js';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, MAX_PHONE_IDS, MAX_QUANTITY, MIN_BATCH_SIZE } from '../../../domain/phone/job-sizing.js';

/** Body fields of the seed-000 generation and validation requests; JSON clients send numbers or strings. */
const REQUIRED = 'This field is required.';
const INTEGER = 'A valid integer is required.';

const absent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function integerOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v)) return Number(v);
  return null;
}

type Ctx = z.core.$RefinementCtx;
const fail = (ctx: Ctx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

export const userIdBodyField = z.unknown().optional().transform((v, ctx) => {
  if (absent(v)) return fail(ctx, REQUIRED);
  if (typeof v !== 'string' && typeof v !== 'number') return fail(ctx, 'Not a valid string.');
  return String(v).trim();
}).meta({ type: ['string', 'integer'], description: 'The caller’s own user id (required)', example: '42' });

/** A free string naming a project inside the tenant; absent means the tenant's default project (''). */
export const projectIdBodyField = z.unknown().optional().transform((v, ctx) => {
  if (absent(v)) return '';
  if (typeof v !== 'string' && typeof v !== 'number') return fail(ctx, 'Not a valid string.');
  const s = String(v).trim();
  return s.length > 100 ? fail(ctx, 'Ensure this field has no more than 100 characters.') : s;
}).meta({ type: ['string', 'integer', 'null'], maxLength: 100, description: 'A project inside the tenant; absent is the default project' });

/** Like projectIdBodyField, but absent means every project. */
export const optionalProjectIdBodyField = projectIdBodyField
  .transform((v) => (v === '' ? null : v))
  .meta({ type: ['string', 'integer', 'null'], maxLength: 100, description: 'A project inside the tenant; absent is every project' });

export const areaCodeBodyField = z.unknown().optional().transform((v, ctx) => {
  if (absent(v)) return fail(ctx, REQUIRED);
  const s = typeof v === 'number' || typeof v === 'string' ? String(v).trim() : '';
  return /^\d{3}$/.test(s) ? s : fail(ctx, 'Invalid area code format. Must be 3 digits.');
}).meta({ type: ['string', 'integer'], pattern: '^\\d{3}$', description: 'A 3-digit NANP area code (required)', example: '415' });

export const quantityBodyField = z.unknown().optional().transform((v, ctx) => {
  if (absent(v)) return fail(ctx, REQUIRED);
  const n = integerOf(v);
  if (n === null) return fail(ctx, INTEGER);
  if (n < 1) return fail(ctx, 'Minimum quantity is 1.');
  if (n > MAX_QUANTITY) return fail(ctx, 'Maximum quantity is 1,000,000 numbers.');
  return n;
}).meta({ type: ['integer', 'string'], minimum: 1, maximum: MAX_QUANTITY, description: 'How many numbers (required); a digit string is accepted', example: 1000 });

export const batchSizeBodyField = z.unknown().optional().transform((v, ctx) => {
  if (absent(v)) return DEFAULT_BATCH_SIZE;
  const n = integerOf(v);
  if (n === null) return fail(ctx, INTEGER);
  if (n < MIN_BATCH_SIZE || n > MAX_BATCH_SIZE) return fail(ctx, 'Batch size must be between 100 and 10,000.');
  return n;
}).meta({ type: ['integer', 'string'], minimum: MIN_BATCH_SIZE, maximum: MAX_BATCH_SIZE, default: DEFAULT_BATCH_SIZE });

export const carrierFilterBodyField = z.unknown().optional().transform((v, ctx) => {
  if (absent(v)) return null;
  if (typeof v !== 'string') return fail(ctx, 'Not a valid string.');
  const s = v.trim();
  if (s.length > 100) return fail(ctx, 'Ensure this field has no more than 100 characters.');
  return /[a-z0-9]/i.test(s) ? s : fail(ctx, 'Carrier filter must contain letters or digits.');
}).meta({ type: ['string', 'null'], maxLength: 100, description: 'Keep only numbers of this carrier' });

const FILTERABLE_TYPES = LINE_TYPES.filter((t) => t !== 'unknown');

export const typeFilterBodyField = z.unknown().optional().transform((v, ctx) => {
  if (absent(v)) return null;
  const type = typeof v === 'string' ? parseLineType(v) : null;
  if (!type || type === 'unknown') return fail(ctx, `"${String(v)}" is not a valid line type. Use one of: ${FILTERABLE_TYPES.join(', ')}.`);
  return type;
}).meta({ type: ['string', 'null'], enum: [...FILTERABLE_TYPES, null], description: 'Keep only numbers of this line type' });

export const booleanBodyField = z.unknown().optional().transform((v, ctx) => {
  if (absent(v)) return false;
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string' && /^(true|false|1|0)$/i.test(v.trim())) return /^(true|1)$/i.test(v.trim());
  return fail(ctx, 'Must be a valid boolean.');
}).meta({ type: ['boolean', 'integer', 'string'], default: false });

/** Ascending, distinct ids; absent means "not narrowed by id". */
export const phoneIdsBodyField = (required: boolean) =>
  z.unknown().optional().transform((v, ctx) => {
    if (v === undefined || v === null) return required ? fail(ctx, REQUIRED) : null;
    if (!Array.isArray(v)) return fail(ctx, 'Expected a list of items.');
    if (!v.length) return required ? fail(ctx, 'This list may not be empty.') : null;
    if (v.length > MAX_PHONE_IDS) return fail(ctx, `Ensure this field has no more than ${MAX_PHONE_IDS.toLocaleString('en-US')} elements.`);
    const ids = v.map(integerOf);
    if (ids.some((id) => id === null || id < 1)) return fail(ctx, 'Every phone id must be a positive integer.');
    return [...new Set(ids as number[])].sort((a, b) => a - b);
  }).meta({ type: required ? 'array' : ['array', 'null'], items: { type: ['integer', 'string'] }, maxItems: MAX_PHONE_IDS, description: 'Phone ids' + (required ? ' (required)' : '') });

/** The OpenAPI document cannot see which `unknown` fields the transforms require; this names them. */
export const requiredInDocs = <T extends z.ZodType>(schema: T, keys: string[]): T => schema.meta({ required: keys });
