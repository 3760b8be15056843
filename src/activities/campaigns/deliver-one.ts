import { SmsProviderError, type SendSmsRequest, type SmsProvider } from '../../domain/messaging/sms-provider.js';
import type { SendGate } from './send-gate.js';
import { backoffMs, sleep } from './send-gate.js';

export type SendOutcome =
  | { kind: 'sent'; providerMessageId: string; price: number | null }
  | { kind: 'failed'; errorCode: string }
  /** The provider answered that it did not take the message: safe to send again later. */
  | { kind: 'deferred'; errorCode: string }
  /** Neither a receipt nor proof of absence: never resent, reported. */
  | { kind: 'unknown'; errorCode: string };

export interface DeliverOptions {
  maxAttempts: number;
  /** The row's claim time: the provider's log is searched from a little before it. */
  claimedAt: Date;
}

/** Clock skew between the database and the provider that a log search tolerates. */
const SEARCH_MARGIN_MS = 60_000;
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Sends one claimed message. A 429, or a refused connection, proves the provider did not take it: the
 * message is retried after a backoff and the gate narrows for every lane. A 5xx or a lost answer may
 * hide an accepted message, so the provider's log decides: found means sent; absent after a 5xx (the
 * provider finished and kept nothing) means retry; absent after no answer at all, or a log that
 * cannot be read, means unknown — never a second send.
 */
export async function deliverOne(provider: SmsProvider, gate: SendGate, request: SendSmsRequest, opts: DeliverOptions): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    let error: SmsProviderError;
    await gate.acquire();
    try {
      const result = await provider.send(request);
      gate.succeeded();
      return { kind: 'sent', providerMessageId: result.providerMessageId, price: result.price ?? null };
    } catch (err) {
      error = err instanceof SmsProviderError ? err : new SmsProviderError((err as Error).message, null, true);
    } finally {
      gate.release();
    }
    const code = String(error.providerCode ?? error.httpStatus ?? 'network');
    if (!error.retryable) return { kind: 'failed', errorCode: code };
    const provablyRefused = error.httpStatus === 429 || (error.httpStatus === null && NEVER_CONNECTED.has(String(error.providerCode)));
    if (!provablyRefused) {
      const search = await searchLog(provider, request, opts.claimedAt);
      if (search.kind === 'found') return { kind: 'sent', providerMessageId: search.providerMessageId, price: null };
      if (search.kind === 'unreadable' || error.httpStatus === null) return { kind: 'unknown', errorCode: code };
    }
    gate.throttled();
    if (attempt >= opts.maxAttempts) return { kind: 'deferred', errorCode: code };
    await sleep(backoffMs(attempt));
  }
}

type Search = { kind: 'found'; providerMessageId: string } | { kind: 'absent' } | { kind: 'unreadable' };

/** Looks for this exact message in the provider's record of what it accepted for the number. */
export async function searchLog(provider: SmsProvider, request: SendSmsRequest, claimedAt: Date, tries = 4): Promise<Search> {
  const since = new Date(claimedAt.getTime() - SEARCH_MARGIN_MS);
  for (let i = 0; i < tries; i++) {
    try {
      const sent = await provider.listSentTo(request.to, since);
      const match = sent.find((m) => m.body === request.body);
      return match ? { kind: 'found', providerMessageId: match.providerMessageId } : { kind: 'absent' };
    } catch {
      await sleep(250 * 2 ** i);
    }
  }
  return { kind: 'unreadable' };
}
