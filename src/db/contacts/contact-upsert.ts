import type pg from 'pg';
import { findBatchDuplicates } from '../../domain/contacts/batch-dedupe.js';
import { insertColumns, updateAssignments } from '../../domain/contacts/contact-columns.js';
import { NEEDS_IDENTITY } from '../../domain/contacts/contact-input.js';
import type { UpsertOutcome } from '../../domain/contacts/upsert-outcome.js';
import { isUniqueViolation } from '../errors.js';
import { stageContacts, STAGING_TABLE, type StagedRow } from './contact-staging.js';

export interface UpsertOptions {
  /** 'update': an existing contact with the same phone or email is updated (seed 004, imports). 'reject': it is refused as `exists` (seed 001's create). */
  onExisting: 'update' | 'reject';
}

interface Match {
  row_no: number;
  phone_id: number | null;
  email_id: number | null;
  phone_deleted: boolean;
  email_deleted: boolean;
}

interface Plan {
  outcomes: UpsertOutcome[];
  updates: { row: number; id: number }[];
  inserts: StagedRow[];
}

/** Attempts before a row is given up as `unsettled`; each one sees every write committed before it. */
const ROUNDS = 4;
const SAVEPOINT = 'contact_upsert_update';

/**
 * Creates or updates a batch of one tenant's contacts, in the caller's transaction, with the same rules
 * for every entry point (single creates, the JSON bulk import, the CSV import). Set-based whatever the
 * batch size: one COPY into staging and one INSERT … ON CONFLICT DO NOTHING of every row; then, for the
 * rows that conflicted, per round one look-up of their phone and email, one UPDATE of the matches, one
 * INSERT … ON CONFLICT DO NOTHING of the rest. The unique indexes on (tenant, phone) and
 * (tenant, email_key) decide every race.
 *
 * A row repeating an earlier row's phone or email is skipped; one matching an existing contact updates
 * it (a soft-deleted one is revived and counts as created); one whose phone and email belong to two
 * contacts is rejected.
 *
 * Losing a race — another transaction committed the same phone or email after this one looked — has one
 * outcome: the row is looked up again and treated exactly as if it had arrived second (it updates the
 * winner's contact, or is `exists` for create-only callers). An INSERT that lost waits for the winner's
 * commit and skips the row; an UPDATE that lost fails with a unique violation and is undone to its
 * savepoint. Either way the next round's look-up sees the winner. A row still unsettled after every
 * round is `rejected` as `unsettled`, never dropped. Outcomes come back in input order.
 */
export async function upsertContacts(client: pg.PoolClient, tenantId: number, rows: readonly StagedRow[], opts: UpsertOptions): Promise<UpsertOutcome[]> {
  if (rows.some((r) => !r.contact.phone_e164 && !r.contact.email)) throw new Error(NEEDS_IDENTITY);
  const outcomes = new Map<number, UpsertOutcome>();
  const duplicates = findBatchDuplicates(rows.map((r) => r.contact));
  for (const d of duplicates.values()) outcomes.set(rows[d.index].row, { row: rows[d.index].row, status: 'skipped', cause: 'repeats-row', of: rows[d.of].row, key: d.key });
  let pending = rows.filter((_, i) => !duplicates.has(i));
  if (pending.length) {
    await stageContacts(client, pending);
    // Most rows of an import are new: they all go in first, in one statement, and only the rows whose
    // phone or email some contact already holds (or a concurrent writer took) are looked up.
    const first = await insertFromStaging(client, tenantId, pending, { everyStagedRow: true });
    for (const [row, id] of first.ids) outcomes.set(row, { row, status: 'created', id });
    pending = first.lost;
  }

  const targeted = new Set<number>();
  for (let round = 0; pending.length && round < ROUNDS; round++) {
    const plan = planRound(await matchExisting(client, tenantId, pending), pending, targeted, opts);
    if (plan.updates.length && !(await updateFromStaging(client, tenantId, plan.updates))) continue;
    for (const o of plan.outcomes) outcomes.set(o.row, o);
    for (const u of plan.updates) targeted.add(u.id);
    const { ids, lost } = plan.inserts.length ? await insertFromStaging(client, tenantId, plan.inserts) : { ids: new Map<number, number>(), lost: [] };
    for (const [row, id] of ids) outcomes.set(row, { row, status: 'created', id });
    pending = lost;
  }
  for (const r of pending) outcomes.set(r.row, { row: r.row, status: 'rejected', cause: 'unsettled' });
  return rows.map((r) => outcomes.get(r.row)!);
}

/** What this round does with each pending row, given what the look-up found. */
function planRound(matches: Match[], pending: readonly StagedRow[], alreadyTargeted: ReadonlySet<number>, opts: UpsertOptions): Plan {
  const byRow = new Map(pending.map((r) => [r.row, r]));
  const plan: Plan = { outcomes: [], updates: [], inserts: [] };
  const targeted = new Set(alreadyTargeted);
  for (const m of matches) {
    const row = m.row_no;
    const id = m.phone_id ?? m.email_id;
    if (m.phone_id !== null && m.email_id !== null && m.phone_id !== m.email_id) {
      plan.outcomes.push({ row, status: 'rejected', cause: 'keys-split', phoneOwner: m.phone_id, emailOwner: m.email_id });
    } else if (id === null) {
      plan.inserts.push(byRow.get(row)!);
    } else if (targeted.has(id)) {
      plan.outcomes.push({ row, status: 'skipped', cause: 'contact-taken', id });
    } else {
      targeted.add(id);
      const revive = m.phone_id !== null ? m.phone_deleted : m.email_deleted;
      if (!revive && opts.onExisting === 'reject') {
        plan.outcomes.push({ row, status: 'rejected', cause: 'exists', id, key: m.phone_id !== null ? 'phone_e164' : 'email' });
      } else {
        plan.updates.push({ row, id });
        plan.outcomes.push({ row, status: revive ? 'created' : 'updated', id });
      }
    }
  }
  return plan;
}

async function matchExisting(client: pg.PoolClient, tenantId: number, pending: readonly StagedRow[]): Promise<Match[]> {
  // LATERAL … LIMIT 1 keeps each look-up an index probe: a plain join lets stale statistics (a tenant
  // that had no phones when last analysed) turn it into a nested loop over every row of the tenant.
  const res = await client.query<Match>(
    `select s.row_no, p.id as phone_id, e.id as email_id, coalesce(p.deleted, false) as phone_deleted, coalesce(e.deleted, false) as email_deleted
       from ${STAGING_TABLE} s
       left join lateral (select c.id, c.deleted_at is not null as deleted from contacts c
                           where c.tenant_id = $1 and c.phone_e164 is not null and c.phone_e164 = s.phone_e164 limit 1) p on true
       left join lateral (select c.id, c.deleted_at is not null as deleted from contacts c
                           where c.tenant_id = $1 and c.email_key = s.email limit 1) e on true
      where s.row_no = any($2::int[])
      order by s.row_no`,
    [tenantId, pending.map((r) => r.row)],
  );
  return res.rows;
}

/** False when a concurrent writer took a phone or email this UPDATE sets: nothing of it stays, and the round is looked up again. */
async function updateFromStaging(client: pg.PoolClient, tenantId: number, updates: readonly { row: number; id: number }[]): Promise<boolean> {
  // Ordered by id so two overlapping batches lock rows in the same order.
  const sorted = [...updates].sort((a, b) => a.id - b.id);
  await client.query(`savepoint ${SAVEPOINT}`);
  try {
    await client.query(
      `update contacts c set
  ${updateAssignments('s.r', 'c')}
         from unnest($2::int[], $3::bigint[]) as m(row_no, id)
         join ${STAGING_TABLE} s on s.row_no = m.row_no
        where c.tenant_id = $1 and c.id = m.id`,
      [tenantId, sorted.map((u) => u.row), sorted.map((u) => u.id)],
    );
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await client.query(`rollback to savepoint ${SAVEPOINT}`);
    return false;
  }
  await client.query(`release savepoint ${SAVEPOINT}`);
  return true;
}

/**
 * Inserts the rows, sorted by phone (sorted keys are cheaper for the unique index and lock in one
 * order), and answers the new ids by row and the rows that conflicted with a stored or concurrently
 * committed contact (ON CONFLICT DO NOTHING).
 */
async function insertFromStaging(
  client: pg.PoolClient,
  tenantId: number,
  rows: readonly StagedRow[],
  opts: { everyStagedRow?: boolean } = {},
): Promise<{ ids: Map<number, number>; lost: StagedRow[] }> {
  const cols = insertColumns('s.r');
  const res = await client.query<{ id: number; phone_e164: string | null; email_key: string | null }>(
    `insert into contacts (tenant_id, ${cols.names})
     select $1, ${cols.values} from ${STAGING_TABLE} s ${opts.everyStagedRow ? '' : 'where s.row_no = any($2::int[])'} order by s.phone_e164
     on conflict do nothing
     returning id, phone_e164, email_key`,
    opts.everyStagedRow ? [tenantId] : [tenantId, rows.map((r) => r.row)],
  );
  const byPhone = new Map<string, number>();
  const byEmail = new Map<string, number>();
  for (const r of res.rows) {
    if (r.phone_e164) byPhone.set(r.phone_e164, r.id);
    else if (r.email_key) byEmail.set(r.email_key, r.id);
  }
  // Staged rows are unique by phone and by email, and each has one of them, so a returned key names exactly one row.
  const ids = new Map<number, number>();
  const lost: StagedRow[] = [];
  for (const r of rows) {
    const id = r.contact.phone_e164 ? byPhone.get(r.contact.phone_e164) : byEmail.get(r.contact.email!);
    if (id === undefined) lost.push(r);
    else ids.set(r.row, id);
  }
  return { ids, lost };
}
