/**
 * The SMS provider port. Adapters: Twilio (the `twilio` package) and a simulated provider used when no
 * credentials are set, whose answers say so (`simulated: true`).
 */
export interface SendSmsRequest {
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  /** Where the provider posts delivery updates; carries our signed ledger/message id. */
  statusCallbackUrl?: string;
}

export interface SendSmsResult {
  providerMessageId: string;
  status: 'queued' | 'accepted' | 'sending' | 'sent';
  segments?: number;
  price?: number | null;
  simulated: boolean;
}

export interface ProviderMessage {
  providerMessageId: string;
  to: string;
  from?: string;
  body: string;
  status: string;
  dateCreated: string;
}

/** Thrown by adapters; `retryable` separates throttling and 5xx from a refused message. */
export class SmsProviderError extends Error {
  constructor(message: string, readonly httpStatus: number | null, readonly retryable: boolean, readonly providerCode?: string | number) {
    super(message);
    this.name = 'SmsProviderError';
  }
}

export interface SmsProvider {
  readonly name: 'twilio' | 'simulated';
  send(request: SendSmsRequest): Promise<SendSmsResult>;
  balance(): Promise<{ balance: number; currency: string; simulated: boolean }>;
  testConnection(): Promise<{ ok: boolean; detail: string; simulated: boolean }>;
  /** Messages sent to `to` since `since`: how an ambiguous send (crash mid-call) is reconciled. */
  listSentTo(to: string, since: Date): Promise<ProviderMessage[]>;
  /** Whether the provider account holds this E.164 number: the proof a tenant needs to register it. */
  ownsNumber(phoneE164: string): Promise<boolean>;
}
