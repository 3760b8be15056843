import type { ProviderMessage, SmsProvider } from './sms-provider.js';
import { SmsProviderError } from './sms-provider.js';

/**
 * A send whose answer never came (connection dropped, timeout, 5xx) may or may not have been accepted;
 * throttling (429) and 4xx answers are definite refusals. Only the ambiguous ones are worth asking the
 * provider about.
 */
export function isAmbiguousFailure(err: SmsProviderError): boolean {
  return err.httpStatus === null || err.httpStatus >= 500;
}

/** Provider timestamps have whole seconds; look back a little further than the send started. */
const CLOCK_SLACK_MS = 2_000;

/**
 * Asks the provider whether a send it did not answer went out: a message to `to` with the same body,
 * created since the send began, whose SID we do not already hold. Answers it, or null when none is
 * found; throws SmsProviderError when the provider cannot be asked.
 */
export async function findAmbiguousSend(
  provider: SmsProvider,
  send: { to: string; body: string; startedAt: Date },
  isKnownSid: (sid: string) => Promise<boolean>,
): Promise<ProviderMessage | null> {
  const since = new Date(send.startedAt.getTime() - CLOCK_SLACK_MS);
  const candidates = (await provider.listSentTo(send.to, since)).filter((m) => m.body === send.body);
  for (const candidate of candidates.reverse()) {
    if (!(await isKnownSid(candidate.providerMessageId))) return candidate;
  }
  return null;
}

export { SmsProviderError };
