import type twilio from 'twilio';

export interface TwilioClientSettings {
  accountSid: string;
  authToken: string;
  /** Another origin for Twilio's REST API (a local server in tests and benchmarks). */
  apiBaseUrl?: string;
}

/**
 * A Twilio REST client without automatic retries (a retried request is the caller's decision). The
 * `twilio` package (about 25 MB resident) is loaded here, when a real adapter first talks to Twilio,
 * so a process whose providers are all simulated never loads it.
 */
export async function createTwilioClient(settings: TwilioClientSettings): Promise<twilio.Twilio> {
  const { default: twilioSdk } = await import('twilio');
  const httpClient = settings.apiBaseUrl ? new (await import('./twilio-base-url.js')).BaseUrlRequestClient(settings.apiBaseUrl) : undefined;
  return twilioSdk(settings.accountSid, settings.authToken, { autoRetry: false, ...(httpClient ? { httpClient } : {}) });
}
