import { SmsProviderError, type SendSmsRequest, type SmsProvider } from '../../domain/messaging/sms-provider.js';
import { classifySendFailure, mayHaveLeft, outcomeAfterSearch } from '../../domain/messaging/outbound-sms.js';
import { searchProviderLog } from '../../domain/messaging/send-reconciliation.js';
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
  /** Waits for the attempt's slot of the send rate; the function it gives is called once the attempt is answered. */
  pace?: (attempt: number) => Promise<() => void>;
}

/**
 * Sends one claimed message, by the rules of outbound-sms.ts. A refusal fails it. A send the provider
 * did not take (429, a refused connection, or a 5xx its log shows it kept nothing of) is retried after a
 * backoff and the gate narrows for every lane. A send that may have left is sent if the log holds it,
 * and unknown otherwise — never a second send.
 */
export async function deliverOne(provider: SmsProvider, gate: SendGate, request: SendSmsRequest, opts: DeliverOptions): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    let error: SmsProviderError;
    const answered = await opts.pace?.(attempt);
    await gate.acquire();
    try {
      const result = await provider.send(request);
      gate.succeeded();
      return { kind: 'sent', providerMessageId: result.providerMessageId, price: result.price ?? null };
    } catch (err) {
      error = err instanceof SmsProviderError ? err : new SmsProviderError((err as Error).message, null, true);
    } finally {
      answered?.();
      gate.release();
    }
    const code = String(error.providerCode ?? error.httpStatus ?? 'network');
    const failure = classifySendFailure(error);
    if (failure === 'refused') return { kind: 'failed', errorCode: code };
    if (mayHaveLeft(failure)) {
      const search = await searchProviderLog(provider, { to: request.to, body: request.body, startedAt: opts.claimedAt });
      if (search.kind === 'found') return { kind: 'sent', providerMessageId: search.providerMessageId, price: null };
      if (outcomeAfterSearch(failure, search) === 'unknown') return { kind: 'unknown', errorCode: code };
    }
    gate.throttled();
    if (attempt >= opts.maxAttempts) return { kind: 'deferred', errorCode: code };
    await sleep(backoffMs(attempt));
  }
}
