import type { Config } from '../../config.js';
import type { SmsProvider } from '../../domain/messaging/sms-provider.js';
import { webhookSigningSecret } from '../messaging/webhook-signing-secret.js';
import { SimulatedSmsProvider } from '../../domain/messaging/providers/simulated-sms-provider.js';
import { TwilioSmsProvider } from '../../domain/messaging/providers/twilio-sms-provider.js';

export { TwilioSmsProvider } from '../../domain/messaging/providers/twilio-sms-provider.js';
export { SimulatedSmsProvider, SIMULATED_ACCOUNT_SID } from '../../domain/messaging/providers/simulated-sms-provider.js';

/** Twilio when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set; otherwise the simulated provider. */
export function createSmsProvider(config: Config): SmsProvider {
  const { accountSid, authToken, apiBaseUrl, messagingServiceSid } = config.twilio;
  if (accountSid && authToken) return new TwilioSmsProvider({ accountSid, authToken, apiBaseUrl, messagingServiceSid });
  return new SimulatedSmsProvider({ callbackSecret: config.simulatedSms.deliveryCallbacks ? webhookSigningSecret(config) : undefined });
}
