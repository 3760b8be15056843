import type pg from 'pg';
import { findBatchDuplicates } from '../../domain/contacts/batch-dedupe.js';
import { insertColumns, updateAssignments } from '../../domain/contacts/contact-columns.js';
import { copyToStaging, STAGING_TABLE, type StagedRow } from './staging-copy.js';

export interface RowNote {
  row: number;
  reason: string;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  skipped: RowNote[];
  rejected: RowNote[];
}

interface Match {
  row_no: number;
  phone_id: number | null;
  email_id: number | null;
  phone_deleted: boolean;
  email_deleted: boolean;
}

const ROUNDS = 2;

/**
 * Upserts one batch of valid rows inside the caller's transaction, with the contact rules of every other
 * entry point: rows repeating an earlier row's phone or email in the batch are skipped; a row matching
 * an existing contact by phone or email updates it (a soft-deleted one is revived and counts as
 * created); a row whose phone and email belong to two different contacts is rejected. Set-based: COPY
 * into staging, one look-up, one UPDATE, one INSERT … ON CONFLICT DO NOTHING.
 */
export async function writeBatch(client: pg.PoolClient, tenantId: number, rows: readonly StagedRow[]): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, updated: 0, skipped: [], rejected: [] };
  const duplicates = findBatchDuplicates(rows.map((r) => r.contact));
  for (const d of duplicates.values()) {
    outcome.skipped.push({ row: rows[d.index].row, reason: `Duplicate of row ${rows[d.of].row} in the file (same ${d.key}).` });
  }
  const unique = rows.filter((_, i) => !duplicates.has(i));
  if (!unique.length) return outcome;
  await copyToStaging(client, unique);

  const keysOf = new Map(unique.map((r) => [r.row, { row: r.row, phone: r.contact.phone_e164 ?? null, email: r.contact.email ?? null }]));
  let pending = unique.map((r) => r.row);
  for (let round = 0; pending.length && round < ROUNDS; round++) {
    const updates: { row: number; id: number }[] = [];
    const inserts: number[] = [];
    const targeted = new Set<number>();
    for (const m of await matchExisting(client, tenantId, pending)) {
      const id = m.phone_id ?? m.email_id;
      if (m.phone_id !== null && m.email_id !== null && m.phone_id !== m.email_id) {
        outcome.rejected.push({ row: m.row_no, reason: `The phone belongs to contact ${m.phone_id} and the email to contact ${m.email_id}.` });
      } else if (id === null) inserts.push(m.row_no);
      else if (targeted.has(id)) outcome.skipped.push({ row: m.row_no, reason: `Another row in this batch already updates contact ${id}.` });
      else {
        targeted.add(id);
        updates.push({ row: m.row_no, id });
        if (m.phone_id !== null ? m.phone_deleted : m.email_deleted) outcome.created++;
        else outcome.updated++;
      }
    }
    if (updates.length) await updateFromStaging(client, tenantId, updates);
    const lost = inserts.length ? await insertFromStaging(client, tenantId, inserts.map((row) => keysOf.get(row)!)) : [];
    outcome.created += inserts.length - lost.length;
    pending = lost;
  }
  for (const row of pending) outcome.skipped.push({ row, reason: 'Another import or request stored this contact at the same moment; import the row again.' });
  return outcome;
}

async function matchExisting(client: pg.PoolClient, tenantId: number, rowNos: number[]): Promise<Match[]> {
  // LATERAL … LIMIT 1 keeps each look-up an index probe whatever the planner thinks of the staging table.
  const res = await client.query<Match>(
    `select s.row_no, p.id as phone_id, e.id as email_id, coalesce(p.deleted, false) as phone_deleted, coalesce(e.deleted, false) as email_deleted
       from ${STAGING_TABLE} s
       left join lateral (select c.id, c.deleted_at is not null as deleted from contacts c
                           where c.tenant_id = $1 and c.phone_e164 is not null and c.phone_e164 = s.phone_e164 limit 1) p on true
       left join lateral (select c.id, c.deleted_at is not null as deleted from contacts c
                           where c.tenant_id = $1 and c.email_key = s.email limit 1) e on true
      where s.row_no = any($2::int[])
      order by s.row_no`,
    [tenantId, rowNos],
  );
  return res.rows;
}

async function updateFromStaging(client: pg.PoolClient, tenantId: number, updates: { row: number; id: number }[]): Promise<void> {
  // Ordered by id so two overlapping imports lock rows in the same order.
  updates.sort((a, b) => a.id - b.id);
  await client.query(
    `update contacts c set
  ${updateAssignments('s.r', 'c')}
       from unnest($2::int[], $3::bigint[]) as m(row_no, id)
       join ${STAGING_TABLE} s on s.row_no = m.row_no
      where c.tenant_id = $1 and c.id = m.id`,
    [tenantId, updates.map((u) => u.row), updates.map((u) => u.id)],
  );
}

/** Inserts the rows, sorted by phone (sorted keys are cheaper for the unique index); answers the rows that lost a race. */
async function insertFromStaging(client: pg.PoolClient, tenantId: number, rows: { row: number; phone: string | null; email: string | null }[]): Promise<number[]> {
  const cols = insertColumns('s.r');
  const res = await client.query<{ phone_e164: string | null; email: string | null }>(
    `insert into contacts (tenant_id, ${cols.names})
     select $1, ${cols.values} from ${STAGING_TABLE} s where s.row_no = any($2::int[]) order by s.phone_e164
     on conflict do nothing
     returning phone_e164, email`,
    [tenantId, rows.map((r) => r.row)],
  );
  if (res.rows.length === rows.length) return [];
  const phones = new Set(res.rows.map((r) => r.phone_e164));
  const emails = new Set(res.rows.map((r) => r.email));
  // Staged rows are unique by phone and by email, so a returned key names exactly one row.
  return rows.filter((r) => !(r.phone ? phones.has(r.phone) : emails.has(r.email))).map((r) => r.row);
}
