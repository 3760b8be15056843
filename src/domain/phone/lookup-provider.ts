import type { LineType } from './line-types.js';
import { providerFailureCode, type BusinessCode, type CodedError } from '../shared/business-codes.js';

/**
 * The number-lookup port: whether a number is in service, who carries it and its line type. Adapters:
 * Twilio Lookup v2 (line type intelligence) and a simulated one used when no credentials are set, whose
 * answers say so through `source`.
 */
export type LookupSource = 'simulated' | 'twilio';

export interface LookupAnswer {
  number: string;
  valid: boolean;
  carrier: string | null;
  lineType: LineType | null;
}

export interface LookupOptions {
  /** Called as answers arrive, so a long batch can heartbeat. */
  onProgress?: (answered: number) => void;
}

export interface NumberLookupProvider {
  readonly source: LookupSource;
  /** One answer per number, in the order asked. */
  lookup(numbers: readonly string[], opts?: LookupOptions): Promise<LookupAnswer[]>;
}

/**
 * Thrown by adapters; `retryable` separates throttling, 5xx and network trouble from refused credentials.
 * `answered` holds the answers that did arrive before the failure, so they are kept (and not paid again).
 */
export class LookupProviderError extends Error implements CodedError {
  answered: LookupAnswer[] = [];

  constructor(message: string, readonly retryable: boolean, readonly httpStatus: number | null = null, readonly providerCode: number | null = null) {
    super(message);
    this.name = 'LookupProviderError';
  }

  get businessCode(): BusinessCode {
    return providerFailureCode(this.retryable);
  }

  get failureDetails(): readonly unknown[] {
    return [{ httpStatus: this.httpStatus, providerCode: this.providerCode }];
  }
}
