import type { ApiDeps } from '../../deps.js';
import { createSmsProvider } from '../../../app/providers/sms-providers.js';
import type { SmsProvider } from '../../../domain/messaging/sms-provider.js';
import { webhookSigningSecret } from '../../../app/messaging/webhook-signing-secret.js';

/** What the messaging routers share: one provider and the webhook signing secret per API process. */
export interface MessagingServices {
  provider: SmsProvider;
  webhookSecret: string;
}

export function createMessagingServices(deps: ApiDeps): MessagingServices {
  return { provider: createSmsProvider(deps.config), webhookSecret: webhookSigningSecret(deps.config) };
}
