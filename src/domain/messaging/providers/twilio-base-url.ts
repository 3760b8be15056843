import twilio from 'twilio';


/**
 * Twilio's HTTP client with every request sent to another origin (TWILIO_API_BASE_URL), so the real
 * adapter can be pointed at a local server speaking Twilio's REST shapes: the simulated provider
 * server, or a test's stub. Paths, auth and bodies are untouched.
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(baseUrl: string, opts: { timeout?: number } = {}) {
    super({ timeout: opts.timeout ?? 15_000, keepAlive: true });
    this.base = new URL(baseUrl);
  }

  override request<TData>(opts: Parameters<twilio.RequestClient['request']>[0] & { data?: TData }) {
    const target = new URL(opts.uri!);
    target.protocol = this.base.protocol;
    target.host = this.base.host;
    const prefix = this.base.pathname.replace(/\/$/, '');
    if (prefix && !target.pathname.startsWith(prefix + '/')) target.pathname = prefix + target.pathname;
    return super.request<TData>({ ...opts, uri: target.href });
  }
}
