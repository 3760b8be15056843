import { segmentCriteriaSchema, type SegmentCriteria } from '../../../domain/messaging/segment-criteria.js';
import { validationError, type FieldErrors } from '../../../domain/shared/errors.js';
import type { Queryable } from '../../queryable.js';

/** Who a campaign is for: explicit contacts, saved segments and ad-hoc criteria, in union. */
export interface Targeting {
  contactIds: number[];
  segmentIds: number[];
  /** Null or empty: no criteria source (it does not mean "every contact"). */
  criteria: SegmentCriteria | null;
}

export interface TargetSegment {
  id: number;
  name: string;
  criteria: SegmentCriteria;
}

export const hasCriteria = (criteria: SegmentCriteria | null): criteria is SegmentCriteria => !!criteria && Object.keys(criteria).length > 0;

/**
 * The segments and contacts a targeting names, all of them the tenant's own; any id that is not (another
 * tenant's, deleted, or never existed) is a 400 naming it, before anything is stored or sent.
 */
export async function checkTargeting(db: Queryable, tenantId: number, t: Targeting): Promise<TargetSegment[]> {
  const fields: FieldErrors = {};
  const [contacts, segments] = await Promise.all([
    t.contactIds.length
      ? db.query<{ id: number }>(`select id from contacts where tenant_id = $1 and id = any($2::bigint[]) and deleted_at is null`, [tenantId, t.contactIds])
      : { rows: [] },
    t.segmentIds.length
      ? db.query<{ id: number; name: string; filter_json: unknown }>(`select id, name, filter_json from segments where tenant_id = $1 and id = any($2::bigint[])`, [tenantId, t.segmentIds])
      : { rows: [] },
  ]);
  const missingContacts = missing(t.contactIds, contacts.rows);
  if (missingContacts.length) fields.target_contact_ids = [`Unknown contact id(s) for this tenant: ${missingContacts.join(', ')}.`];
  const missingSegments = missing(t.segmentIds, segments.rows);
  if (missingSegments.length) fields.target_segment_ids = [`Unknown segment id(s) for this tenant: ${missingSegments.join(', ')}.`];
  if (Object.keys(fields).length) throw validationError(fields);
  return segments.rows.map((s) => {
    const parsed = segmentCriteriaSchema.safeParse(s.filter_json ?? {});
    if (!parsed.success) throw validationError({ target_segment_ids: [`Segment ${s.id} has criteria this version cannot read.`] });
    return { id: Number(s.id), name: s.name, criteria: parsed.data };
  });
}

function missing(wanted: number[], found: { id: number }[]): number[] {
  const have = new Set(found.map((r) => Number(r.id)));
  return [...new Set(wanted)].filter((id) => !have.has(id));
}
