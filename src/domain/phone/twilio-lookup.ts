import type twilio from 'twilio';
import { parseLineType } from './line-types.js';
import { LookupProviderError, type LookupAnswer, type LookupOptions, type NumberLookupProvider } from './lookup-provider.js';

export interface TwilioLookupConfig {
  accountSid: string;
  authToken: string;
  /** Where Twilio's REST API answers; a local server in tests. Defaults to Twilio itself. */
  apiBaseUrl?: string;
  /** Lookups in flight at once. */
  concurrency?: number;
}

/**
 * Twilio Lookup v2 with line type intelligence: `GET /v2/PhoneNumbers/{number}?Fields=line_type_intelligence`.
 * A number Twilio cannot find or parse is an answer (invalid), not an error; throttling, 5xx and network
 * failures are retryable errors; refused credentials are not.
 */
export class TwilioLookupProvider implements NumberLookupProvider {
  readonly source = 'twilio' as const;
  private clientReady?: Promise<twilio.Twilio>;
  private readonly concurrency: number;

  constructor(private readonly config: TwilioLookupConfig) {
    this.concurrency = config.concurrency ?? 8;
  }

  /** The `twilio` package (about 25 MB resident) loads on the first lookup, not with this module. */
  private client(): Promise<twilio.Twilio> {
    return (this.clientReady ??= import('./twilio-lookup-client.js').then((m) => m.twilioLookupClient(this.config)));
  }

  async lookup(numbers: readonly string[], opts: LookupOptions = {}): Promise<LookupAnswer[]> {
    const answers: LookupAnswer[] = new Array(numbers.length);
    let next = 0;
    let answered = 0;
    let failure: LookupProviderError | null = null;
    // After the first failure no new request starts; those in flight finish and their answers are kept.
    const worker = async () => {
      while (next < numbers.length && !failure) {
        const i = next++;
        try {
          answers[i] = await this.lookupOne(numbers[i]);
          opts.onProgress?.(++answered);
        } catch (err) {
          failure ??= err as LookupProviderError;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, numbers.length) }, worker));
    if (failure) {
      (failure as LookupProviderError).answered = answers.filter(Boolean);
      throw failure;
    }
    return answers;
  }

  private async lookupOne(number: string): Promise<LookupAnswer> {
    try {
      const found = await (await this.client()).lookups.v2.phoneNumbers(number).fetch({ fields: 'line_type_intelligence' });
      if (!found.valid) return { number, valid: false, carrier: null, lineType: null };
      const lti = found.lineTypeIntelligence;
      const lineType = (lti?.type && parseLineType(lti.type)) || 'unknown';
      return { number, valid: true, carrier: lti?.carrierName ?? null, lineType };
    } catch (err) {
      const e = err as { status?: number; code?: number; message?: string };
      if (e.status === 404 || e.status === 400) return { number, valid: false, carrier: null, lineType: null };
      throw toProviderError(e);
    }
  }
}

function toProviderError(e: { status?: number; code?: number; message?: string }): LookupProviderError {
  const status = typeof e.status === 'number' ? e.status : null;
  const detail = `Twilio Lookup ${status ? `HTTP ${status}` : 'request'} failed${e.code ? ` (code ${e.code})` : ''}: ${e.message ?? 'no message'}`;
  const refused = status === 401 || status === 403;
  return new LookupProviderError(detail, !refused, status, e.code ?? null);
}
