import { z } from 'zod';

/**
 * A segment's criteria over contacts, as JSON, e.g.
 * `{"tags": ["vip", "premium"], "tags_match": "any", "opt_in_status": "opted_in", "is_active": true,
 *   "attributes": {"city": "Arusha", "tier": {"in": ["gold", "silver"]}, "vip_since": {"exists": true}}}`.
 * Every field is optional and all given fields must hold. Unknown fields are refused, so a typo never
 * silently widens an audience. Attribute values compare as text, so 1 and "1" match alike.
 */
const ATTRIBUTE_KEY = /^[A-Za-z0-9_][\w.-]{0,99}$/;
const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);
const tag = z.string().trim().toLowerCase().min(1, 'Tags may not be blank.').max(100);

const attributeCondition = z.union([
  scalar,
  z.strictObject({ equals: scalar }),
  z.strictObject({ in: z.array(scalar).min(1, 'List at least one value.').max(500) }),
  z.strictObject({ exists: z.boolean() }),
]);

const OPT_IN_STATUSES = ['opted_in', 'opted_out', 'any'] as const;

export const segmentCriteriaSchema = z.strictObject({
  tags: z.array(tag).max(100).optional(),
  tags_match: z.enum(['any', 'all']).optional(),
  exclude_tags: z.array(tag).max(100).optional(),
  opt_in_status: z.enum(OPT_IN_STATUSES).optional(),
  is_active: z.boolean().optional(),
  attributes: z
    .record(z.string().regex(ATTRIBUTE_KEY, 'Attribute names are letters, digits, _, . and -.'), attributeCondition)
    .refine((a) => Object.keys(a).length <= 50, 'At most 50 attribute conditions.')
    .optional(),
});

export type SegmentCriteria = z.output<typeof segmentCriteriaSchema>;

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * The criteria as a WHERE fragment over `contacts c`, numbering its parameters from `firstParamIndex`.
 * It does not scope the tenant or skip deleted contacts: the caller adds `c.tenant_id = … and
 * c.deleted_at is null`. Empty criteria give `true`.
 */
export function criteriaToSql(criteria: SegmentCriteria, firstParamIndex = 1): SqlFragment {
  const params: unknown[] = [];
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${firstParamIndex + params.length - 1}::${cast}`;
  };
  const clauses: string[] = [];
  if (criteria.tags?.length) clauses.push(`c.tags ${criteria.tags_match === 'all' ? '@>' : '&&'} ${param(criteria.tags, 'text[]')}`);
  if (criteria.exclude_tags?.length) clauses.push(`not (c.tags && ${param(criteria.exclude_tags, 'text[]')})`);
  if (criteria.opt_in_status === 'opted_in') clauses.push('c.is_opted_in');
  if (criteria.opt_in_status === 'opted_out') clauses.push('not c.is_opted_in');
  if (criteria.is_active !== undefined) clauses.push(criteria.is_active ? 'c.is_active' : 'not c.is_active');
  for (const [key, condition] of Object.entries(criteria.attributes ?? {})) {
    const k = param(key, 'text');
    if (typeof condition !== 'object') clauses.push(`c.attributes ->> ${k} = ${param(String(condition), 'text')}`);
    else if ('equals' in condition) clauses.push(`c.attributes ->> ${k} = ${param(String(condition.equals), 'text')}`);
    else if ('in' in condition) clauses.push(`c.attributes ->> ${k} = any(${param(condition.in.map(String), 'text[]')})`);
    else clauses.push(`${condition.exists ? '' : 'not '}jsonb_exists(c.attributes, ${k})`);
  }
  return { sql: clauses.length ? clauses.map((c) => `(${c})`).join(' and ') : 'true', params };
}
