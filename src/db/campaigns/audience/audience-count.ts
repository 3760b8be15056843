import type pg from 'pg';
import { audienceSql } from './audience-sql.js';
import type { TargetSegment, Targeting } from './targeting.js';

export interface AudienceCount {
  /** Contacts named, counting a contact once per source that names it. */
  named: number;
  duplicates: number;
  optedOut: number;
  inactive: number;
  invalid: number;
  eligible: number;
}

/** The dry-run figures, from the same SQL the ledger is materialised with. */
export async function countAudience(db: Pick<pg.Pool, 'query'>, tenantId: number, targeting: Targeting, segments: TargetSegment[]): Promise<AudienceCount> {
  const a = audienceSql(tenantId, targeting, segments);
  const { rows } = await db.query<{ named: number; distinct_n: number; opted_out: number; inactive: number; invalid: number; eligible: number }>(
    `select coalesce(sum(hits), 0)::int as named, count(*)::int as distinct_n,
            count(*) filter (where verdict = 'opted_out')::int as opted_out,
            count(*) filter (where verdict = 'inactive')::int as inactive,
            count(*) filter (where verdict = 'invalid')::int as invalid,
            count(*) filter (where verdict = 'eligible')::int as eligible
       from (select ${a.hits} as hits, ${a.verdict} as verdict ${a.from}) t`,
    a.params,
  );
  const r = rows[0];
  return { named: r.named, duplicates: r.named - r.distinct_n, optedOut: r.opted_out, inactive: r.inactive, invalid: r.invalid, eligible: r.eligible };
}

/** The dry run's `explanations`, in the words seed 004 documents. */
export function explain(count: AudienceCount): string[] {
  const lines = [
    `Duplicates removed: ${count.duplicates} contacts`,
    `Opted-out contacts excluded: ${count.optedOut} contacts`,
    `Invalid numbers excluded: ${count.invalid} contacts`,
  ];
  if (count.inactive) lines.push(`Inactive contacts excluded: ${count.inactive} contacts`);
  return lines;
}
