import twilio from 'twilio';
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

type TwilioClient = ReturnType<typeof twilio>;
type RequestOptions<T> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: T };

/** Sends every Twilio request to `baseUrl` instead of `https://<product>.twilio.com`, path and query kept. */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ autoRetry: false });
  }
  override request<T>(opts: RequestOptions<T>) {
    const original = new URL(opts.uri);
    return super.request<T>({ ...opts, uri: this.baseUrl.replace(/\/$/, '') + original.pathname + original.search });
  }
}

/**
 * Twilio Lookup v2 with line type intelligence: `GET /v2/PhoneNumbers/{number}?Fields=line_type_intelligence`.
 * A number Twilio cannot find or parse is an answer (invalid), not an error; throttling, 5xx and network
 * failures are retryable errors; refused credentials are not.
 */
export class TwilioLookupProvider implements NumberLookupProvider {
  readonly source = 'twilio' as const;
  private readonly client: TwilioClient;
  private readonly concurrency: number;

  constructor(config: TwilioLookupConfig) {
    this.client = twilio(config.accountSid, config.authToken, {
      autoRetry: false,
      ...(config.apiBaseUrl ? { httpClient: new RedirectingRequestClient(config.apiBaseUrl) } : {}),
    });
    this.concurrency = config.concurrency ?? 8;
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
      const found = await this.client.lookups.v2.phoneNumbers(number).fetch({ fields: 'line_type_intelligence' });
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
