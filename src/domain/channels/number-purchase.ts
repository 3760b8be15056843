/**
 * The number purchase port (seed 003). Adapters: Twilio (AvailablePhoneNumbers → IncomingPhoneNumbers)
 * and a simulated provider used when no credentials are set, whose numbers say so (`isMock`).
 */
import type { ChannelType } from './channel-types.js';
import type { BusinessCode, CodedError } from '../shared/business-codes.js';

export interface NumberCapabilities {
  voice: boolean;
  sms: boolean;
  mms: boolean;
}

export interface PurchaseRequest {
  /** ISO 3166-1 alpha-2. */
  isoCountry: string;
  type: ChannelType;
  /**
   * Our id for this purchase (the channel id). The provider keeps it with the number, so a retried
   * purchase finds the number the first attempt bought instead of buying a second one.
   */
  reference: string;
}

export interface PurchasedNumber {
  phoneNumber: string;
  /** `+1`, `+44`: the calling code with its plus. */
  countryCode: string;
  isoCountry: string;
  capabilities: NumberCapabilities;
  /** The provider's id for the number (Twilio `PN…`); null for simulated numbers. */
  sid: string | null;
  isMock: boolean;
}

export interface ReleaseRequest {
  reference: string;
  sid: string | null;
  phoneNumber: string | null;
}

export type PurchaseFailureKind = 'no_numbers' | 'refused' | 'unavailable';

/** `unavailable` (throttling, 5xx, no answer) is worth retrying; the others will not change on retry. */
export class NumberPurchaseError extends Error implements CodedError {
  constructor(message: string, readonly kind: PurchaseFailureKind, readonly httpStatus: number | null = null) {
    super(message);
    this.name = 'NumberPurchaseError';
  }

  get retryable(): boolean {
    return this.kind === 'unavailable';
  }

  get businessCode(): BusinessCode {
    return PURCHASE_FAILURE_CODE[this.kind];
  }
}

const PURCHASE_FAILURE_CODE: Record<PurchaseFailureKind, BusinessCode> = {
  no_numbers: 'NO_NUMBERS_AVAILABLE',
  refused: 'PROVIDER_REFUSED',
  unavailable: 'PROVIDER_UNAVAILABLE',
};

export interface NumberPurchaseProvider {
  readonly name: 'twilio' | 'simulated';
  purchase(request: PurchaseRequest): Promise<PurchasedNumber>;
  /** Gives the number back; a number already gone counts as released. */
  release(request: ReleaseRequest): Promise<{ released: boolean }>;
}
