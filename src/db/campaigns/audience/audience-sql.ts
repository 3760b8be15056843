import { criteriaToSql } from '../../../domain/messaging/segment-criteria.js';
import { hasCriteria, type TargetSegment, type Targeting } from './targeting.js';

/**
 * The audience as SQL over `contacts c`, one scan of the tenant's contacts for every source at once:
 * `hits` is how many sources (the id list, each segment, the criteria) name the contact, so the union
 * is `hits > 0` and the duplicates removed are `sum(hits) - count(hits > 0)`. `verdict` says why a
 * contact in the union would not receive the message. The dry run and the real send both read this.
 */
export interface AudienceSql {
  /** `from contacts c where …` restricted to the tenant's live contacts named by some source. */
  from: string;
  hits: string;
  verdict: string;
  params: unknown[];
}

/** E.164, and for NANP numbers a real area code and exchange (neither starts with 0 or 1). */
const VALID_PHONE_SQL = `(c.phone_e164 ~ '^\\+[1-9][0-9]{6,14}$' and (left(c.phone_e164, 2) <> '+1' or (length(c.phone_e164) = 12 and substr(c.phone_e164, 3, 1) >= '2' and substr(c.phone_e164, 6, 1) >= '2')))`;

export function audienceSql(tenantId: number, targeting: Targeting, segments: TargetSegment[], firstParamIndex = 1): AudienceSql {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${firstParamIndex + params.length - 1}`;
  };
  const tenant = param(tenantId);
  const sources: string[] = [];
  if (targeting.contactIds.length) sources.push(`c.id = any(${param([...new Set(targeting.contactIds)])}::bigint[])`);
  for (const criteria of [...segments.map((s) => s.criteria), ...(hasCriteria(targeting.criteria) ? [targeting.criteria] : [])]) {
    const fragment = criteriaToSql(criteria, firstParamIndex + params.length);
    params.push(...fragment.params);
    sources.push(fragment.sql);
  }
  const hits = sources.length ? sources.map((s) => `(${s})::int`).join(' + ') : '0';
  const any = sources.length ? sources.map((s) => `(${s})`).join(' or ') : 'false';
  return {
    from: `from contacts c where c.tenant_id = ${tenant} and c.deleted_at is null and (${any})`,
    hits,
    verdict: `(case when not c.is_opted_in then 'opted_out' when not c.is_active then 'inactive' when c.phone_e164 is null or not ${VALID_PHONE_SQL} then 'invalid' else 'eligible' end)`,
    params,
  };
}
