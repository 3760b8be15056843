import type pg from 'pg';
import { lineTypeLabel } from '../../domain/phone/line-types.js';

interface GroupRow {
  status: 'pending' | 'valid' | 'invalid';
  area_code: string;
  carrier: string | null;
  line_type: string | null;
  n: number;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((10000 * part) / whole) / 100);

/**
 * Seed 000 statistics from phone_number_tallies, the counts kept per status, area code, carrier, line
 * type, project and day in the same transaction as every change to the numbers (migration 35): a few
 * hundred rows for a tenant however many numbers it holds; the breakdowns are summed here.
 *
 * Rates: validation_rate = validated / total, validity_rate = valid / validated, as the seed's example
 * (95.0 and 89.47). Carrier and type breakdowns count valid numbers only (the seed's type total equals its
 * valid total); carriers are named as the lookup named them, line types as the seed writes them ("Mobile"). status_breakdown: "active" are the valid numbers and "inactive" everything else, the same
 * line clear-numbers draws between numbers worth keeping and numbers to drop (the seed's 85,000 / 15,000).
 */
export async function phoneStatistics(pool: pg.Pool, tenantId: number, projectId?: string) {
  const { rows } = await pool.query<GroupRow>(
    `select status, area_code::text as area_code, carrier, line_type, sum(n)::int as n
       from phone_number_tallies
      where tenant_id = $1 and ($2::text is null or project_id = $2)
      group by status, area_code, carrier, line_type
     having sum(n) <> 0`,
    [tenantId, projectId ?? null],
  );
  const byStatus = { pending: 0, valid: 0, invalid: 0 };
  const carriers = new Map<string, number>();
  const types = new Map<string, number>();
  const areaCodes = new Map<string, number>();
  const add = (m: Map<string, number>, key: string | null, n: number) => key !== null && m.set(key, (m.get(key) ?? 0) + n);
  for (const r of rows) {
    byStatus[r.status] += r.n;
    add(areaCodes, r.area_code, r.n);
    if (r.status === 'valid') {
      add(carriers, r.carrier, r.n);
      add(types, lineTypeLabel(r.line_type), r.n);
    }
  }
  const total = byStatus.valid + byStatus.invalid + byStatus.pending;
  const validated = byStatus.valid + byStatus.invalid;
  return {
    total_numbers: total,
    validated_numbers: validated,
    valid_numbers: byStatus.valid,
    invalid_numbers: byStatus.invalid,
    pending_validation: byStatus.pending,
    validation_rate: percent(validated, total),
    validity_rate: percent(byStatus.valid, validated),
    carrier_breakdown: breakdown(carriers, 'carrier'),
    type_breakdown: breakdown(types, 'type'),
    area_code_breakdown: breakdown(areaCodes, 'area_code'),
    status_breakdown: [
      { status: 'active', count: byStatus.valid },
      { status: 'inactive', count: total - byStatus.valid },
    ],
  };
}

/** Largest first, ties by name, so the order is stable between calls. */
function breakdown<K extends string>(counts: Map<string, number>, field: K) {
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([key, count]) => ({ [field]: key, count }) as Record<K, string> & { count: number });
}
