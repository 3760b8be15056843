import type { TemplateContact } from '../../../domain/messaging/templates.js';
import { counterBumpSql } from './counter-sql.js';
import type { Queryable } from '../../queryable.js';

export type RunControl = 'running' | 'paused' | 'cancelled';

export interface ClaimedRecipient {
  id: number;
  phone: string;
  claimedAt: Date;
  contact: TemplateContact;
}

export interface ClaimResult {
  claimed: ClaimedRecipient[];
  skipped: number;
  /** The run's control as the claim saw it; nothing is claimed unless it is `running`. */
  control: RunControl;
}

/**
 * Marks pending rows `sending` and commits before any of them is handed to the provider: the one
 * moment that decides a row will be sent, so two workers, or a retried batch, never both send it.
 * The contact's opt-in is re-read in the same statement; a contact who opted out (or was deactivated
 * or deleted) since the ledger was built becomes `skipped`. Nothing is claimed once the run is paused
 * or cancelled, which is how a pause stops sends between two chunks.
 */
export async function claimRecipients(db: Queryable, runId: number, ids: number[]): Promise<ClaimResult> {
  // Named, so each connection plans this statement once: it runs for every chunk of every campaign.
  const { rows } = await db.query<{ id: number; status: string; phone_e164: string; claimed_at: Date; control: RunControl; contact: TemplateContact | null }>({
    name: 'campaign-claim-recipients',
    text: `with run as (select control from campaign_runs where id = $1),
     picked as (
       select r.id, (c.id is not null and c.is_opted_in and c.is_active and c.deleted_at is null) as reachable
         from campaign_recipients r left join contacts c on c.id = r.contact_id
        where r.run_id = $1 and r.id = any($2::bigint[]) and r.status = 'pending' and (select control from run) = 'running'
        order by r.id
        for update of r skip locked
     ),
     moved as (
       update campaign_recipients r
          set status = case when p.reachable then 'sending' else 'skipped' end,
              claimed_at = now(), attempts = r.attempts + p.reachable::int
         from picked p where r.id = p.id
       returning r.id, r.campaign_id, r.contact_id, r.phone_e164, r.claimed_at, 'pending'::text as before, r.status as after, null::numeric as cost
     ),
     bump as (${counterBumpSql('moved')})
     select m.id, m.after as status, m.phone_e164, m.claimed_at, (select control from run) as control,
            case when m.after = 'sending' then json_build_object(
              'first_name', c.first_name, 'last_name', c.last_name, 'full_name', c.full_name, 'phone_e164', c.phone_e164,
              'email', c.email, 'company', c.company, 'title', c.title, 'city', c.city, 'state', c.state,
              'country', c.country, 'industry', c.industry, 'website', c.website, 'attributes', c.attributes) end as contact
       from moved m left join contacts c on c.id = m.contact_id
      order by m.id`,
    values: [runId, ids],
  });
  if (!rows.length) return { claimed: [], skipped: 0, control: await runControl(db, runId) };
  return {
    claimed: rows.filter((r) => r.status === 'sending').map((r) => ({ id: Number(r.id), phone: r.phone_e164, claimedAt: r.claimed_at, contact: r.contact ?? {} })),
    skipped: rows.filter((r) => r.status === 'skipped').length,
    control: rows[0].control,
  };
}

async function runControl(db: Queryable, runId: number): Promise<RunControl> {
  const { rows } = await db.query<{ control: RunControl }>(`select control from campaign_runs where id = $1`, [runId]);
  return rows[0]?.control ?? 'cancelled';
}
