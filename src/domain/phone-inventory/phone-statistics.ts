import type pg from 'pg';

interface GroupRow {
  grp: 'status' | 'carrier' | 'type' | 'area_code';
  key: string | null;
  n: number;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((10000 * part) / whole) / 100);

/**
 * Seed 000 statistics in one pass over the tenant's numbers (GROUPING SETS: status; carrier and line
 * type of the valid numbers; area code of all numbers).
 *
 * Rates: validation_rate = validated / total, validity_rate = valid / validated, as the seed's example
 * (95.0 and 89.47). Carrier and type breakdowns count valid numbers only (the seed's type total equals its
 * valid total). status_breakdown: "active" are the valid numbers and "inactive" everything else, the same
 * line clear-numbers draws between numbers worth keeping and numbers to drop (the seed's 85,000 / 15,000).
 */
export async function phoneStatistics(pool: pg.Pool, tenantId: number, projectId?: string) {
  const { rows } = await pool.query<GroupRow>(
    `select case when grouping(carrier) = 0 then 'carrier'
                 when grouping(line_type) = 0 then 'type'
                 when grouping(area_code) = 0 then 'area_code'
                 else 'status' end as grp,
            case when grouping(carrier) = 0 then carrier
                 when grouping(line_type) = 0 then line_type
                 when grouping(area_code) = 0 then area_code::text
                 else status end as key,
            count(*)::int as n
       from phone_numbers
      where tenant_id = $1 and ($2::text is null or project_id = $2)
      group by grouping sets ((status), (status, carrier), (status, line_type), (area_code))
     having grouping(carrier) = 1 and grouping(line_type) = 1 or status = 'valid'`,
    [tenantId, projectId ?? null],
  );
  const byStatus = (s: string) => rows.find((r) => r.grp === 'status' && r.key === s)?.n ?? 0;
  const breakdown = <K extends string>(grp: GroupRow['grp'], field: K) =>
    rows
      .filter((r) => r.grp === grp && r.key !== null)
      .sort((a, b) => b.n - a.n || String(a.key).localeCompare(String(b.key)))
      .map((r) => ({ [field]: r.key, count: r.n }) as Record<K, string> & { count: number });

  const valid = byStatus('valid');
  const invalid = byStatus('invalid');
  const pending = byStatus('pending');
  const total = valid + invalid + pending;
  const validated = valid + invalid;
  return {
    total_numbers: total,
    validated_numbers: validated,
    valid_numbers: valid,
    invalid_numbers: invalid,
    pending_validation: pending,
    validation_rate: percent(validated, total),
    validity_rate: percent(valid, validated),
    carrier_breakdown: breakdown('carrier', 'carrier'),
    type_breakdown: breakdown('type', 'type'),
    area_code_breakdown: breakdown('area_code', 'area_code'),
    status_breakdown: [
      { status: 'active', count: valid },
      { status: 'inactive', count: total - valid },
    ],
  };
}
