import type { Config } from '../../../config.js';
import type { SmsProvider } from '../sms-provider.js';
import { webhookSigningSecret } from '../webhook-signature.js';
import { SimulatedSmsProvider } from './simulated-sms-provider.js';
import { TwilioSmsProvider } from './twilio-sms-provider.js';

export { TwilioSmsProvider } from './twilio-sms-provider.js';
export { SimulatedSmsProvider, SIMULATED_ACCOUNT_SID } from './simulated-sms-provider.js';

/** Twilio when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set; otherwise the simulated provider. */
export function createSmsProvider(config: Config): SmsProvider {
  const { accountSid, authToken, apiBaseUrl, messagingServiceSid } = config.twilio;
  if (accountSid && authToken) return new TwilioSmsProvider({ accountSid, authToken, apiBaseUrl, messagingServiceSid });
  return new SimulatedSmsProvider({ callbackSecret: config.simulatedSms.deliveryCallbacks ? webhookSigningSecret(config) : undefined });
}
