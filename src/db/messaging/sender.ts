import type { Queryable } from '../queryable.js';
import { fieldError } from '../../domain/shared/errors.js';
import { toE164 } from '../../domain/messaging/phone-numbers.js';
import { ALPHANUMERIC_SENDER, findOwnSenderId } from './sender-ids.js';

export interface Sender {
  /** The From sent to the provider; absent when the provider's messaging service chooses. */
  from?: string;
  /** The tenant side of the conversation thread: the number, the alphanumeric ID, or '' for the service. */
  threadKey: string;
}

/**
 * Who a message is from: the one check every send goes through (SMS, messages, conversations,
 * campaigns, broadcasts, agent replies). A phone number must be one the tenant owns (in its numbers
 * registry), an alphanumeric sender ID one registered to it, so no tenant can send as another's;
 * nothing given means the tenant's default number, or else the provider's messaging service.
 */
export async function resolveSender(sql: Queryable, tenantId: number, defaultRegion: string, senderId?: string | null): Promise<Sender> {
  const wanted = senderId?.trim();
  if (!wanted) {
    const { rows } = await sql.query<{ phone_e164: string }>('select phone_e164 from tenant_numbers where tenant_id = $1 order by is_default desc, id limit 1', [tenantId]);
    return rows[0] ? { from: rows[0].phone_e164, threadKey: rows[0].phone_e164 } : { threadKey: '' };
  }
  if (ALPHANUMERIC_SENDER.test(wanted)) {
    const own = await findOwnSenderId(sql, tenantId, wanted);
    if (!own) throw fieldError('sender_id', `"${wanted}" is not a sender ID registered to this tenant: register it with POST /api/messaging/sender-ids/.`);
    return { from: own, threadKey: own };
  }
  const e164 = toE164(wanted, defaultRegion);
  if (!e164) throw fieldError('sender_id', 'Enter one of your numbers or an alphanumeric sender ID of up to 11 characters.');
  const { rowCount } = await sql.query('select 1 from tenant_numbers where tenant_id = $1 and phone_e164 = $2', [tenantId, e164]);
  if (!rowCount) throw fieldError('sender_id', `${e164} is not one of this tenant's numbers.`);
  return { from: e164, threadKey: e164 };
}
