import type twilio from 'twilio';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message.js';
import type { ProviderMessage, SendSmsRequest, SendSmsResult, SmsProvider } from '../sms-provider.js';
import { SmsProviderError } from '../sms-provider.js';
import { createTwilioClient } from './twilio-client.js';
import { toSmsProviderError } from './twilio-errors.js';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** Another origin for Twilio's REST API (a local server in tests and benchmarks). */
  apiBaseUrl?: string;
  /** Used when a send names no `from`. */
  messagingServiceSid?: string;
}

const SENT_LIKE: Record<string, SendSmsResult['status']> = { queued: 'queued', accepted: 'accepted', scheduled: 'accepted', sending: 'sending', sent: 'sent' };
const RECONCILE_MAX_PAGES = 20;

/** The SMS port over Twilio's Messages, Balance, Account and IncomingPhoneNumbers resources (the `twilio` package). */
export class TwilioSmsProvider implements SmsProvider {
  readonly name = 'twilio' as const;
  private clientReady?: Promise<twilio.Twilio>;

  constructor(private readonly settings: TwilioSettings) {}

  // No automatic retries: a retried send is a decision for the caller (the campaign ledger), not the HTTP client.
  private client(): Promise<twilio.Twilio> {
    return (this.clientReady ??= createTwilioClient(this.settings));
  }

  async send(request: SendSmsRequest): Promise<SendSmsResult> {
    const messagingServiceSid = request.messagingServiceSid ?? (request.from ? undefined : this.settings.messagingServiceSid);
    try {
      const message = await (await this.client()).messages.create({
        to: request.to,
        body: request.body,
        ...(request.from ? { from: request.from } : {}),
        ...(messagingServiceSid ? { messagingServiceSid } : {}),
        ...(request.statusCallbackUrl ? { statusCallback: request.statusCallbackUrl } : {}),
      });
      const status = SENT_LIKE[message.status];
      if (!status) throw new SmsProviderError(`Twilio refused the message (${message.status}): ${message.errorMessage ?? ''}`.trim(), 200, false, message.errorCode ?? undefined);
      return {
        providerMessageId: message.sid,
        status,
        segments: message.numSegments ? Number(message.numSegments) : undefined,
        price: message.price ? Math.abs(Number(message.price)) : null,
        simulated: false,
      };
    } catch (err) {
      throw toSmsProviderError(err);
    }
  }

  async balance() {
    try {
      const balance = await (await this.client()).balance.fetch();
      return { balance: Number(balance.balance), currency: balance.currency, simulated: false };
    } catch (err) {
      throw toSmsProviderError(err);
    }
  }

  async testConnection() {
    try {
      const account = await (await this.client()).api.v2010.accounts(this.settings.accountSid).fetch();
      return { ok: account.status === 'active', detail: `Twilio account ${account.friendlyName || account.sid} is ${account.status}`, simulated: false };
    } catch (err) {
      const e = toSmsProviderError(err);
      return { ok: false, detail: e.message, simulated: false };
    }
  }

  /** IncomingPhoneNumbers filtered by PhoneNumber, which Twilio matches partially: only an exact match counts. */
  async ownsNumber(phoneE164: string): Promise<boolean> {
    try {
      const found = await (await this.client()).incomingPhoneNumbers.list({ phoneNumber: phoneE164, limit: 20 });
      return found.some((n) => n.phoneNumber === phoneE164);
    } catch (err) {
      throw toSmsProviderError(err);
    }
  }

  /**
   * Twilio filters by send date only, and a queued message has none yet, so this walks the
   * recipient's messages newest first and stops at the first one created before `since`.
   */
  async listSentTo(to: string, since: Date): Promise<ProviderMessage[]> {
    const found: ProviderMessage[] = [];
    try {
      let page: { instances: MessageInstance[]; nextPageUrl?: string; nextPage(): Promise<unknown> | undefined } = await (await this.client()).messages.page({ to, pageSize: 100 });
      for (let pages = 1; ; pages++) {
        for (const m of page.instances) {
          if (m.dateCreated && m.dateCreated < since) return found;
          found.push({ providerMessageId: m.sid, to: m.to, from: m.from ?? undefined, body: m.body, status: m.status, dateCreated: (m.dateCreated ?? new Date()).toISOString() });
        }
        const next = pages < RECONCILE_MAX_PAGES && page.nextPageUrl ? await page.nextPage() : undefined;
        if (!next) return found;
        page = next as typeof page;
      }
    } catch (err) {
      throw toSmsProviderError(err);
    }
  }
}
