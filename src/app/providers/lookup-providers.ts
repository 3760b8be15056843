import type { NumberLookupProvider } from '../../domain/phone/lookup-provider.js';
import { SimulatedLookupProvider } from '../../domain/phone/simulated-lookup.js';
import { TwilioLookupProvider } from '../../domain/phone/twilio-lookup.js';

/** Twilio Lookup when credentials are configured, the simulated provider otherwise. */
export function createLookupProvider(twilio: { accountSid?: string; authToken?: string; apiBaseUrl?: string }): NumberLookupProvider {
  if (twilio.accountSid && twilio.authToken) {
    return new TwilioLookupProvider({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.apiBaseUrl });
  }
  return new SimulatedLookupProvider();
}
