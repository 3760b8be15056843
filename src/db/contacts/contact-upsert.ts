import type pg from 'pg';
import type { FieldErrors } from '../../domain/shared/errors.js';
import { findBatchDuplicates } from '../../domain/contacts/batch-dedupe.js';
import type { ContactRow } from '../../domain/contacts/contact-input.js';
import { insertColumns, updateAssignments } from '../../domain/contacts/contact-columns.js';
import { inTransaction } from '../transaction.js';
import { isUniqueViolation } from '../errors.js';

export type StoredOutcome = { status: 'created' | 'updated'; id: number };
export type RefusedOutcome = { status: 'skipped' | 'rejected'; id?: number; errors: FieldErrors };
export type UpsertOutcome = StoredOutcome | RefusedOutcome;

export const isStored = (o: UpsertOutcome): o is StoredOutcome => o.status === 'created' || o.status === 'updated';

export interface UpsertOptions {
  /** 'update': an existing contact with the same phone or email is updated (seed 004, imports). 'reject': it is a field error (seed 001's create). */
  onExisting: 'update' | 'reject';
  /** How messages name a row (default: its 1-based position in `rows`). */
  rowNumbers?: readonly number[];
}

interface Match {
  ord: number;
  phone_id: number | null;
  email_id: number | null;
  phone_deleted: boolean;
  email_deleted: boolean;
}

/**
 * Creates or updates many contacts of one tenant in one transaction with set-based SQL: one look-up of
 * every row's phone and email, one UPDATE for the matches, one INSERT … ON CONFLICT DO NOTHING for the
 * rest. A row that lost an insert race to another request is matched again and updated. A soft-deleted
 * match is revived and counts as created. Outcomes come back in input order.
 */
export async function upsertContacts(pool: pg.Pool, tenantId: number, rows: readonly ContactRow[], opts: UpsertOptions): Promise<UpsertOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, (client) => upsertOnce(client, tenantId, rows, opts));
    } catch (err) {
      // An UPDATE that moved a phone or email onto a value another request just took: start over.
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

async function upsertOnce(client: pg.PoolClient, tenantId: number, rows: readonly ContactRow[], opts: UpsertOptions): Promise<UpsertOutcome[]> {
  const outcomes: (UpsertOutcome | undefined)[] = new Array(rows.length);
  for (const d of findBatchDuplicates(rows).values()) {
    const of = opts.rowNumbers?.[d.of] ?? d.of + 1;
    outcomes[d.index] = { status: 'skipped', errors: { [d.key]: [`Duplicate of row ${of} in this request (same ${d.key}).`] } };
  }
  let pending = rows.map((_, i) => i).filter((i) => !outcomes[i]);
  for (let round = 0; pending.length && round < 3; round++) {
    const matches = await matchExisting(client, tenantId, pending.map((i) => rows[i]));
    const updates: { index: number; id: number; revive: boolean }[] = [];
    const inserts: number[] = [];
    const targeted = new Set<number>();
    matches.forEach((m, k) => {
      const index = pending[k];
      const id = m.phone_id ?? m.email_id;
      if (m.phone_id !== null && m.email_id !== null && m.phone_id !== m.email_id) {
        outcomes[index] = { status: 'rejected', errors: { non_field_errors: [`phone_e164 belongs to contact ${m.phone_id} and email to contact ${m.email_id}.`] } };
      } else if (id === null) {
        inserts.push(index);
      } else if (targeted.has(id)) {
        outcomes[index] = { status: 'skipped', id, errors: { non_field_errors: [`Another row in this request already updates contact ${id}.`] } };
      } else {
        targeted.add(id);
        const revive = m.phone_id !== null ? m.phone_deleted : m.email_deleted;
        if (!revive && opts.onExisting === 'reject') {
          const field = m.phone_id !== null ? 'phone_e164' : 'email';
          outcomes[index] = { status: 'rejected', errors: { [field]: [`A contact with this ${field === 'email' ? 'email' : 'phone number'} already exists.`] } };
        } else updates.push({ index, id, revive });
      }
    });
    if (updates.length) {
      await updateRows(client, tenantId, updates.map((u) => ({ ...rows[u.index], id: u.id })));
      for (const u of updates) outcomes[u.index] = { status: u.revive ? 'created' : 'updated', id: u.id };
    }
    const inserted = inserts.length ? await insertRows(client, tenantId, inserts.map((i) => rows[i])) : [];
    inserts.forEach((index, k) => {
      if (inserted[k] !== undefined) outcomes[index] = { status: 'created', id: inserted[k]! };
    });
    pending = inserts.filter((_, k) => inserted[k] === undefined);
  }
  return outcomes.map((o) => o ?? { status: 'rejected', errors: { non_field_errors: ['Could not store this contact; please retry.'] } });
}

async function matchExisting(client: pg.PoolClient, tenantId: number, rows: ContactRow[]): Promise<Match[]> {
  // One index probe per row (LATERAL … LIMIT 1): a plain join lets stale statistics (a tenant that had
  // no phones when last analysed) turn the look-up into a nested loop over every row of the tenant.
  const res = await client.query<Match>(
    `select x.ord::int as ord, p.id as phone_id, e.id as email_id,
            coalesce(p.deleted, false) as phone_deleted, coalesce(e.deleted, false) as email_deleted
       from jsonb_array_elements($2::jsonb) with ordinality as x(r, ord)
       left join lateral (select id, deleted_at is not null as deleted from contacts
                           where tenant_id = $1 and phone_e164 is not null and phone_e164 = x.r->>'phone_e164' limit 1) p on true
       left join lateral (select id, deleted_at is not null as deleted from contacts
                           where tenant_id = $1 and email_key = x.r->>'email' limit 1) e on true
      order by x.ord`,
    [tenantId, JSON.stringify(rows)],
  );
  return res.rows;
}

async function updateRows(client: pg.PoolClient, tenantId: number, rows: (ContactRow & { id: number })[]) {
  // Ordered by id so two overlapping imports lock rows in the same order.
  rows.sort((a, b) => a.id - b.id);
  await client.query(
    `update contacts c set
  ${updateAssignments('x.r', 'c')}
       from jsonb_array_elements($2::jsonb) as x(r)
      where c.tenant_id = $1 and c.id = (x.r->>'id')::bigint`,
    [tenantId, JSON.stringify(rows)],
  );
}

/** Ids in input order; undefined where the row lost a uniqueness race (ON CONFLICT DO NOTHING). */
async function insertRows(client: pg.PoolClient, tenantId: number, rows: ContactRow[]): Promise<(number | undefined)[]> {
  const cols = insertColumns('x.r');
  const res = await client.query<{ id: number; phone_e164: string | null; email: string | null }>(
    `insert into contacts (tenant_id, ${cols.names})
     select $1, ${cols.values} from jsonb_array_elements($2::jsonb) with ordinality as x(r, ord) order by x.ord
     on conflict do nothing
     returning id, phone_e164, email`,
    [tenantId, JSON.stringify(rows)],
  );
  const byPhone = new Map<string, number>();
  const byEmail = new Map<string, number>();
  const anonymous: number[] = [];
  for (const r of res.rows) {
    if (r.phone_e164) byPhone.set(r.phone_e164, r.id);
    else if (r.email) byEmail.set(r.email, r.id);
    else anonymous.push(r.id);
  }
  // Rows with neither key cannot conflict, so they come back in insertion order.
  return rows.map((row) => (row.phone_e164 ? byPhone.get(row.phone_e164) : row.email ? byEmail.get(row.email) : anonymous.shift()));
}
