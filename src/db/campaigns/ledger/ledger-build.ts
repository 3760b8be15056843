import type pg from 'pg';
import { areaCodeArrays } from '../../../domain/campaigns/area-code-timezones.js';
import { audienceSql } from '../audience/audience-sql.js';
import type { TargetSegment, Targeting } from '../audience/targeting.js';

/**
 * Builds a run's ledger in one set-based INSERT … SELECT: the eligible audience (the dry run's SQL),
 * each row with the recipient's time zone from the area-code table (else the tenant default). The
 * unique (run, contact) index makes a retried build add nothing. Returns the run's row count.
 */
export async function buildLedger(
  db: Pick<pg.Pool, 'query'>,
  run: { runId: number; campaignId: number; tenantId: number },
  targeting: Targeting,
  segments: TargetSegment[],
  defaultTimeZone: string,
): Promise<number> {
  const a = audienceSql(run.tenantId, targeting, segments, 6);
  const { codes, zones } = areaCodeArrays();
  await db.query(
    `insert into campaign_recipients (run_id, campaign_id, tenant_id, contact_id, phone_e164, time_zone)
     select $1, $2, c.tenant_id, c.id, c.phone_e164, coalesce(az.zone, $3)
       from (select c.* ${a.from}) c
       left join unnest($4::text[], $5::text[]) as az(code, zone)
         on c.phone_e164 like '+1%' and length(c.phone_e164) = 12 and az.code = substr(c.phone_e164, 3, 3)
      where ${a.verdict} = 'eligible'
     on conflict (run_id, contact_id) do nothing`,
    [run.runId, run.campaignId, defaultTimeZone, codes, zones, ...a.params],
  );
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from campaign_recipients where run_id = $1`, [run.runId]);
  return rows[0].n;
}
