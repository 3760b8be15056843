import type { Config } from '../../config.js';
import type { NumberPurchaseProvider } from './number-purchase.js';
import { SimulatedNumberPurchase } from './simulated-number-purchase.js';
import { TwilioNumberPurchase } from './twilio-number-purchase.js';

/** Twilio when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set; otherwise the simulated provider. */
export function createNumberPurchaseProvider(config: Pick<Config, 'twilio'>): NumberPurchaseProvider {
  const { accountSid, authToken, apiBaseUrl } = config.twilio;
  if (accountSid && authToken) return new TwilioNumberPurchase({ accountSid, authToken, apiBaseUrl });
  return new SimulatedNumberPurchase();
}
