import type pg from 'pg';
import type { SmsProvider } from '../../domain/messaging/sms-provider.js';
import { searchProviderLog } from '../../domain/messaging/send-reconciliation.js';
import { renderTemplate, type TemplateContact } from '../../domain/messaging/templates.js';
import { contactsOf, type LedgerRow } from '../../db/campaigns/ledger/recipient-pages.js';
import { applyRecipientChanges, type RecipientChange } from '../../db/campaigns/ledger/recipient-changes.js';
import { priceOf, type BatchContext } from './batch-context.js';
import type { SendOutcome } from './deliver-one.js';

export interface BatchTally {
  sent: number;
  failed: number;
  unknown: number;
  skipped: number;
  /** Rows left pending because their recipient is in quiet hours now. */
  held: number;
  /** Rows the provider kept refusing, put back to pending for a later batch. */
  deferred: number;
}

export const emptyTally = (): BatchTally => ({ sent: 0, failed: 0, unknown: 0, skipped: 0, held: 0, deferred: 0 });

export const render = (text: string, contact: TemplateContact) => (text.includes('{{') ? renderTemplate(text, contact) : text);

export function toChange(id: number, body: string, outcome: SendOutcome, ctx: BatchContext): RecipientChange {
  switch (outcome.kind) {
    case 'sent':
      return { id, status: 'sent', providerMessageId: outcome.providerMessageId, price: outcome.price ?? priceOf(body, ctx.price) };
    case 'failed':
      return { id, status: 'failed', errorCode: outcome.errorCode };
    case 'deferred':
      return { id, status: 'pending', errorCode: outcome.errorCode };
    case 'unknown':
      return { id, status: 'unknown', errorCode: outcome.errorCode };
  }
}

export function tally(into: BatchTally, outcome: SendOutcome) {
  if (outcome.kind === 'sent') into.sent++;
  else if (outcome.kind === 'failed') into.failed++;
  else if (outcome.kind === 'unknown') into.unknown++;
  else into.deferred++;
}

/**
 * Rows found `sending` at the start of a page were claimed by an attempt that died (or stalled) before
 * recording the answer: unanswered sends (outbound-sms.ts). They are never sent again: the provider's
 * log says whether the send happened, and if it cannot tell, the row ends `unknown`. A late callback or answer may still move it on.
 */
export async function settleOrphans(pool: pg.Pool, sms: SmsProvider, ctx: BatchContext, rows: LedgerRow[], into: BatchTally): Promise<void> {
  if (!rows.length) return;
  const contacts = await contactsOf(pool, rows.map((r) => r.contactId));
  const changes: RecipientChange[] = [];
  for (const row of rows) {
    const body = render(ctx.messageText, (contacts.get(row.contactId) ?? {}) as TemplateContact);
    const search = await searchProviderLog(sms, { to: row.phone, body, startedAt: row.claimedAt ?? new Date(0) });
    const outcome: SendOutcome =
      search.kind === 'found' ? { kind: 'sent', providerMessageId: search.providerMessageId, price: null } : { kind: 'unknown', errorCode: 'unconfirmed-after-crash' };
    changes.push(toChange(row.id, body, outcome, ctx));
    tally(into, outcome);
  }
  await applyRecipientChanges(pool, changes);
}
