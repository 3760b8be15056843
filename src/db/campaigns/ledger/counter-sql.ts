import { COUNTER_SETS, RECIPIENT_RANK, type RecipientStatus } from '../../../domain/campaigns/recipient-status.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** `RECIPIENT_RANK[expr]` in SQL. */
export const rankSql = (expr: string) =>
  `(case ${expr} ${Object.entries(RECIPIENT_RANK).map(([s, r]) => `when '${s}' then ${r}`).join(' ')} end)`;

/** Whether a row in `before` may take `next`: forward only, except a send the provider refused going back to pending. */
export const allowedSql = (before: string, next: string) =>
  `((${rankSql(next)} > ${rankSql(before)} and ${rankSql(before)} < 7) or (${before} = 'sending' and ${next} = 'pending'))`;

export const inSet = (expr: string, set: readonly RecipientStatus[]) => `${expr} in (${list(set)})`;

/**
 * Moves the campaign counters by what the rows in CTE `moved(campaign_id, before, after, cost)` did, as a
 * data-modifying CTE body: the same statement that moves rows moves the counters, so they never drift.
 */
export function counterBumpSql(moved = 'moved'): string {
  const deltas = Object.entries(COUNTER_SETS)
    .map(([name, set]) => `count(*) filter (where ${inSet('after', set)}) - count(*) filter (where ${inSet('before', set)}) as ${name}`)
    .join(',\n              ');
  const sets = Object.keys(COUNTER_SETS)
    .map((name) => `${name} = c.${name} + d.${name}`)
    .join(', ');
  const changed = Object.keys(COUNTER_SETS)
    .map((name) => `d.${name} <> 0`)
    .join(' or ');
  // A claim that skips nobody moves no counter, and must not rewrite the campaign's hot row for nothing.
  return `update campaigns c set ${sets}, actual_cost = c.actual_cost + d.cost, updated_at = now()
      from (select campaign_id, ${deltas}, coalesce(sum(cost), 0) as cost from ${moved} group by campaign_id) d
     where c.id = d.campaign_id and (${changed} or d.cost <> 0)
     returning c.id`;
}
