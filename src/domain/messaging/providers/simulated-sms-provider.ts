import { randomBytes } from 'node:crypto';
import type { ProviderMessage, SendSmsRequest, SendSmsResult, SmsProvider } from '../sms-provider.js';
import { SmsProviderError } from '../sms-provider.js';
import { countSegments } from '../sms-segments.js';
import { postStatusCallback } from './status-callback-post.js';

export interface SimulatedSmsOptions {
  /** Signs delivery callbacks; when absent no callbacks are posted. */
  callbackSecret?: string;
  /** Milliseconds before the `sent` and then the `delivered` callback. */
  callbackDelayMs?: number;
  /** Messages kept for `listSentTo`. */
  memory?: number;
}

export const SIMULATED_ACCOUNT_SID = 'ACsimulated00000000000000000000000';
const E164 = /^\+[1-9]\d{6,14}$/;
/** NANP 555-0100 to 555-0199 in any area code: the range set aside for fiction, never a real line. */
const SIMULATED_ACCOUNT_NUMBERS = /^\+1[2-9]\d{2}55501\d{2}$/;

/** Whether the simulated account (in process, or the simulated Twilio server) holds a number. */
export const simulatedAccountHolds = (phoneE164: string) => SIMULATED_ACCOUNT_NUMBERS.test(phoneE164);

/**
 * The provider used when no Twilio credentials are set: accepts every well-formed number, answers at
 * once with a Twilio-like SID, and (when given a secret) posts signed `sent` and `delivered` callbacks
 * to the status URL, so the whole webhook path runs in development too. Every answer says `simulated`.
 * Its account holds exactly the NANP fiction numbers +1 NXX 555-01XX (so a number can be registered in
 * development without Twilio) and nothing else; numbers bought as channels are registered when bought.
 */
export class SimulatedSmsProvider implements SmsProvider {
  readonly name = 'simulated' as const;
  private readonly sent: ProviderMessage[] = [];

  constructor(private readonly opts: SimulatedSmsOptions = {}) {}

  async send(request: SendSmsRequest): Promise<SendSmsResult> {
    if (!E164.test(request.to)) throw new SmsProviderError(`The 'To' number ${request.to} is not a valid phone number.`, 400, false, 21211);
    if (!request.body) throw new SmsProviderError('Message body is required.', 400, false, 21602);
    const providerMessageId = `SM${randomBytes(16).toString('hex')}`;
    this.remember({ providerMessageId, to: request.to, from: request.from, body: request.body, status: 'queued', dateCreated: new Date().toISOString() });
    if (request.statusCallbackUrl && this.opts.callbackSecret) this.scheduleCallbacks(request.statusCallbackUrl, providerMessageId, request);
    return { providerMessageId, status: 'queued', segments: countSegments(request.body).segments, price: null, simulated: true };
  }

  async balance() {
    return { balance: 1000, currency: 'USD', simulated: true };
  }

  async testConnection() {
    return { ok: true, detail: 'Simulated SMS provider: no Twilio credentials are set, nothing leaves this server.', simulated: true };
  }

  async listSentTo(to: string, since: Date): Promise<ProviderMessage[]> {
    return this.sent.filter((m) => m.to === to && new Date(m.dateCreated) >= since);
  }

  async ownsNumber(phoneE164: string): Promise<boolean> {
    return simulatedAccountHolds(phoneE164);
  }

  private remember(message: ProviderMessage) {
    this.sent.push(message);
    if (this.sent.length > (this.opts.memory ?? 10_000)) this.sent.shift();
  }

  private scheduleCallbacks(url: string, messageSid: string, request: SendSmsRequest) {
    const delay = this.opts.callbackDelayMs ?? 200;
    const post = (status: string) => () =>
      postStatusCallback(url, this.opts.callbackSecret!, { accountSid: SIMULATED_ACCOUNT_SID, messageSid, status, to: request.to, from: request.from }).catch(() => undefined);
    setTimeout(post('sent'), delay).unref();
    setTimeout(post('delivered'), delay * 2).unref();
  }
}
