import type { RecipientStatus } from '../../../domain/campaigns/recipient-status.js';
import { COUNTER_SETS } from '../../../domain/campaigns/recipient-status.js';
import { allowedSql, counterBumpSql, inSet } from './counter-sql.js';
import type { Queryable } from '../../queryable.js';

export interface RecipientChange {
  id: number;
  status: RecipientStatus;
  providerMessageId?: string | null;
  errorCode?: string | null;
  price?: number | null;
}

export interface AppliedChange {
  id: number;
  before: RecipientStatus;
  after: RecipientStatus;
}

const SENT_LIKE = COUNTER_SETS.sent_count;

/**
 * Writes outcomes to ledger rows and the campaign counters in one statement. A status that would move a
 * row backwards is ignored (a late `sent` never undoes `delivered`), but the provider's id is kept if
 * the row lacked it. Rows are locked in id order, so concurrent writers (a batch and a callback) never
 * deadlock. Returns the rows that changed.
 */
export async function applyRecipientChanges(db: Queryable, changes: RecipientChange[]): Promise<AppliedChange[]> {
  if (!changes.length) return [];
  const { rows } = await db.query<AppliedChange>({
    name: 'campaign-apply-recipient-changes',
    text: `with input as (
       select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::numeric[]) as x(id, status, provider_id, error_code, price)
     ),
     old as (
       select r.id, r.status, r.price from campaign_recipients r where r.id in (select id from input) order by r.id for update
     ),
     moved as (
       update campaign_recipients r set
         status = case when ${allowedSql('o.status', 'i.status')} then i.status else r.status end,
         provider_message_id = coalesce(r.provider_message_id, i.provider_id),
         error_code = case when ${allowedSql('o.status', 'i.status')} then coalesce(i.error_code, r.error_code) else r.error_code end,
         price = coalesce(r.price, i.price),
         sent_at = case when r.sent_at is null and ${inSet('i.status', SENT_LIKE)} then now() else r.sent_at end,
         delivered_at = case when r.delivered_at is null and ${inSet('i.status', ['delivered', 'read'])} then now() else r.delivered_at end,
         read_at = case when r.read_at is null and i.status = 'read' then now() else r.read_at end
       from input i join old o on o.id = i.id
       where r.id = i.id and (${allowedSql('o.status', 'i.status')} or (r.provider_message_id is null and i.provider_id is not null))
       returning r.id, r.campaign_id, o.status as before, r.status as after,
                 case when o.price is null and ${inSet('r.status', SENT_LIKE)} then r.price else null end as cost
     ),
     bump as (${counterBumpSql('moved')})
     select id, before, after from moved where before <> after`,
    values: [
      changes.map((c) => c.id),
      changes.map((c) => c.status),
      changes.map((c) => c.providerMessageId ?? null),
      changes.map((c) => c.errorCode ?? null),
      changes.map((c) => c.price ?? null),
    ],
  });
  return rows;
}
