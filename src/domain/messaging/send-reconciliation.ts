import type { SmsProvider } from './sms-provider.js';
import { LOG_SEARCH, logSearchSince, type LogSearch } from './outbound-sms.js';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Looks for a send that may have left in the provider's log (see LOG_SEARCH in outbound-sms.ts): the
 * latest message to `to` with the same body, created since the send began, whose SID no other row of
 * ours already holds (adapters list in different orders, hence the sort). A log that cannot be read
 * after every try is `unreadable`.
 */
export async function searchProviderLog(
  provider: SmsProvider,
  send: { to: string; body: string; startedAt: Date },
  isKnownSid: (sid: string) => Promise<boolean> = async () => false,
): Promise<LogSearch> {
  const since = logSearchSince(send.startedAt);
  for (let attempt = 0; attempt < LOG_SEARCH.tries; attempt++) {
    if (attempt > 0) await wait(LOG_SEARCH.firstRetryMs * 2 ** (attempt - 1));
    let listed;
    try {
      listed = await provider.listSentTo(send.to, since);
    } catch {
      continue;
    }
    const candidates = listed.filter((m) => m.body === send.body).sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated));
    for (const candidate of candidates) {
      if (!(await isKnownSid(candidate.providerMessageId))) return { kind: 'found', providerMessageId: candidate.providerMessageId };
    }
    return { kind: 'absent' };
  }
  return { kind: 'unreadable' };
}
