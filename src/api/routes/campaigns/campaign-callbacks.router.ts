import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { messagingResponses } from '../messaging/messaging.responses.js';
import { statusCallbackSchema } from '../../../domain/messaging/outbound-sms.js';
import { forbidden } from '../../../domain/shared/errors.js';
import { webhookSigningSecret } from '../../../app/messaging/webhook-signing-secret.js';
import { CAMPAIGN_STATUS_PATH, RecipientCallbacks } from '../../../app/campaigns/recipient-callback.js';
import { receiveRecipientStatus } from '../../../app/campaigns/recipient-status-callback.js';
import { verifyTwilioSignature } from '../messaging/verify-twilio-signature.js';
import { answerTwiml } from '../messaging/twiml.js';

/**
 * Delivery callbacks for campaign messages. Two checks before anything is read: the provider's
 * signature over the whole request (X-Twilio-Signature) and our own HMAC of the ledger id in the URL.
 */
export function createCampaignCallbacksRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const routes = new Routes(docs, 'webhooks', '');
  const callbacks = new RecipientCallbacks(deps.config);
  const signed = verifyTwilioSignature(webhookSigningSecret(deps.config), deps.config.publicBaseUrl);

  routes.post(
    CAMPAIGN_STATUS_PATH,
    { summary: 'Delivery status of one campaign message (Twilio-signed, ledger id HMAC-signed); never moves backwards', public: true, body: statusCallbackSchema, contentType: 'application/x-www-form-urlencoded', responses: { 200: messagingResponses.twiml }, errors: [403] },
    async (ctx) => {
      const id = String(ctx.query.recipient_id ?? '');
      if (!callbacks.verify(id, String(ctx.query.sig ?? ''))) throw forbidden('Invalid callback signature.');
      const outcome = await receiveRecipientStatus(deps.db.pool, Number(id), ctx.state.body);
      ctx.state.log.debug({ outcome }, 'campaign status callback');
      answerTwiml(ctx);
    },
    signed,
  );

  return routes.router;
}
