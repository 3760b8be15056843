import type { Sql } from '../identity/sql.js';
import { fieldError } from '../shared/errors.js';
import { toE164 } from './phone-numbers.js';

export interface Sender {
  /** The From sent to the provider; absent when the provider's messaging service chooses. */
  from?: string;
  /** The tenant side of the conversation thread: the number, the alphanumeric ID, or '' for the service. */
  threadKey: string;
}

/** Alphanumeric sender IDs: 1–11 letters, digits and spaces with at least one letter (carrier rule). */
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

/**
 * Who a message is from. A phone number must be one of the tenant's own (tenant_numbers), so one tenant
 * cannot send as another's number; an alphanumeric sender ID passes through; nothing given means the
 * tenant's default number, or else the provider's messaging service.
 */
export async function resolveSender(sql: Sql, tenantId: number, defaultRegion: string, senderId?: string | null): Promise<Sender> {
  const wanted = senderId?.trim();
  if (!wanted) {
    const { rows } = await sql.query<{ phone_e164: string }>('select phone_e164 from tenant_numbers where tenant_id = $1 order by is_default desc, id limit 1', [tenantId]);
    return rows[0] ? { from: rows[0].phone_e164, threadKey: rows[0].phone_e164 } : { threadKey: '' };
  }
  if (ALPHANUMERIC_SENDER.test(wanted)) return { from: wanted, threadKey: wanted };
  const e164 = toE164(wanted, defaultRegion);
  if (!e164) throw fieldError('sender_id', 'Enter one of your numbers or an alphanumeric sender ID of up to 11 characters.');
  const { rowCount } = await sql.query('select 1 from tenant_numbers where tenant_id = $1 and phone_e164 = $2', [tenantId, e164]);
  if (!rowCount) throw fieldError('sender_id', `${e164} is not one of this tenant's numbers.`);
  return { from: e164, threadKey: e164 };
}
