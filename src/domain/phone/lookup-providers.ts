import type { NumberLookupProvider } from './lookup-provider.js';
import { SimulatedLookupProvider } from './simulated-lookup.js';
import { TwilioLookupProvider } from './twilio-lookup.js';

/** Twilio Lookup when credentials are configured, the simulated provider otherwise. */
export function createLookupProvider(twilio: { accountSid?: string; authToken?: string; apiBaseUrl?: string }): NumberLookupProvider {
  if (twilio.accountSid && twilio.authToken) {
    return new TwilioLookupProvider({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.apiBaseUrl });
  }
  return new SimulatedLookupProvider();
}
