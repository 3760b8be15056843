import type { RecipientStatus } from '../../../domain/campaigns/recipient-status.js';
import type { Queryable } from '../../queryable.js';

export interface LedgerRow {
  id: number;
  status: RecipientStatus;
  phone: string;
  timeZone: string;
  claimedAt: Date | null;
  contactId: number;
}

/** The next rows of a run after `afterId`, whatever their status: the batch decides what each needs. */
export async function readLedgerPage(db: Queryable, runId: number, afterId: number, limit: number): Promise<LedgerRow[]> {
  const { rows } = await db.query<{ id: number; status: RecipientStatus; phone_e164: string; time_zone: string; claimed_at: Date | null; contact_id: number }>(
    `select id, status, phone_e164, time_zone, claimed_at, contact_id from campaign_recipients
      where run_id = $1 and id > $2 order by id limit $3`,
    [runId, afterId, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), status: r.status, phone: r.phone_e164, timeZone: r.time_zone, claimedAt: r.claimed_at, contactId: Number(r.contact_id) }));
}

export interface RunRemainder {
  pending: number;
  sending: number;
  /** Distinct time zones of the pending rows, to know when quiet hours end for the next of them. */
  pendingTimeZones: string[];
}

/** What a finished pass over the run left behind. */
export async function runRemainder(db: Queryable, runId: number): Promise<RunRemainder> {
  const { rows } = await db.query<{ pending: number; sending: number; zones: string[] | null }>(
    `select count(*) filter (where status = 'pending')::int as pending,
            count(*) filter (where status = 'sending')::int as sending,
            array_agg(distinct time_zone) filter (where status = 'pending') as zones
       from campaign_recipients where run_id = $1`,
    [runId],
  );
  return { pending: rows[0].pending, sending: rows[0].sending, pendingTimeZones: rows[0].zones ?? [] };
}

/** Contact fields for rows being reconciled, so their message can be rendered as it was sent. */
export async function contactsOf(db: Queryable, contactIds: number[]) {
  const { rows } = await db.query(
    `select id, first_name, last_name, full_name, phone_e164, email, company, title, city, state, country, industry, website, attributes
       from contacts where id = any($1::bigint[])`,
    [contactIds],
  );
  return new Map(rows.map((r) => [Number(r.id), r]));
}
