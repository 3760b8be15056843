import twilio from 'twilio';

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

export function twilioLookupClient(config: { accountSid: string; authToken: string; apiBaseUrl?: string }): twilio.Twilio {
  return twilio(config.accountSid, config.authToken, {
    autoRetry: false,
    ...(config.apiBaseUrl ? { httpClient: new RedirectingRequestClient(config.apiBaseUrl) } : {}),
  });
}
