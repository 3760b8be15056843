import type { Config } from '../../config.js';
import type { NumberPurchaseProvider } from '../../domain/channels/number-purchase.js';
import { SimulatedNumberPurchase } from '../../domain/channels/simulated-number-purchase.js';
import { TwilioNumberPurchase } from '../../domain/channels/twilio-number-purchase.js';

/** Twilio when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set; otherwise the simulated provider. */
export function createNumberPurchaseProvider(config: Pick<Config, 'twilio'>): NumberPurchaseProvider {
  const { accountSid, authToken, apiBaseUrl } = config.twilio;
  if (accountSid && authToken) return new TwilioNumberPurchase({ accountSid, authToken, apiBaseUrl });
  return new SimulatedNumberPurchase();
}
