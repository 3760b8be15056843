import { z } from 'zod';
import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { messagingResponses as r } from './messaging.responses.js';
import { statusCallbackSchema } from '../../../domain/messaging/outbound-sms.js';
import { receiveInboundSms, type InboundSms } from '../../../app/messaging/inbound-messages.js';
import { receiveStatusCallback } from '../../../app/messaging/delivery-status.js';
import { WEBHOOK_PATHS } from '../../../app/messaging/callback-urls.js';
import type { MessagingServices } from './messaging-services.js';
import { answerTwiml } from './twiml.js';
import { verifyTwilioSignature } from './verify-twilio-signature.js';
import { startAgentConversation } from '../../../app/agent/agent-workflows.js';
import { withTenant } from '../../../db/tenant-scope.js';

const FORM = 'application/x-www-form-urlencoded';
const inboundForm = z.looseObject({
  MessageSid: z.string().min(1).max(64),
  From: z.string().min(1).max(64),
  To: z.string().min(1).max(64),
  Body: z.string().max(20_000).default(''),
});

/** Seed 002's acknowledgement, answered to any inbound message that is not a keyword. */
const SEED_002_ACK = "Thank you for your message! I'm processing your request and will respond shortly.";

/**
 * Twilio's webhooks, each checked against its signature before anything else: inbound SMS (threaded,
 * STOP/START/HELP acted on, answered in TwiML), delivery status callbacks, and seed 002's
 * `/api/sms/receive/`.
 */
export function createWebhooksRouter(deps: ApiDeps, docs: OpenApiCollector, services: MessagingServices) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'webhooks', '');
  const signed = verifyTwilioSignature(services.webhookSecret, deps.config.publicBaseUrl);
  const agentTarget = { temporal: deps.temporal, taskQueue: deps.config.temporal.taskQueues.messaging };
  const inbound = (b: z.output<typeof inboundForm>): InboundSms => ({ messageSid: b.MessageSid, from: b.From, to: b.To, body: b.Body });

  routes.post(WEBHOOK_PATHS.twilioInbound, { summary: 'Twilio inbound SMS (signed); answers TwiML', public: true, body: inboundForm, contentType: FORM, responses: { 200: r.twiml }, errors: [403] }, async (ctx) => {
    const outcome = await receiveInboundSms(pool, inbound(ctx.state.body));
    answerTwiml(ctx, outcome.duplicate ? undefined : outcome.reply);
  }, signed);

  routes.post(WEBHOOK_PATHS.twilioStatus, { summary: 'Twilio delivery status callback (signed); idempotent, never moves a status backwards', public: true, body: statusCallbackSchema, contentType: FORM, responses: { 200: r.twiml }, errors: [403] }, async (ctx) => {
    const outcome = await receiveStatusCallback(pool, ctx.state.body, typeof ctx.query.message_id === 'string' ? ctx.query.message_id : null);
    ctx.state.log.debug({ outcome }, 'status callback');
    answerTwiml(ctx);
  }, signed);

  routes.post(WEBHOOK_PATHS.seed002Inbound, { summary: 'Seed 002 SMS webhook (Twilio, signed); answers TwiML', public: true, body: inboundForm, contentType: FORM, responses: { 200: r.twiml }, errors: [403] }, async (ctx) => {
    const sms = inbound(ctx.state.body);
    const outcome = await receiveInboundSms(pool, sms);
    // Also on a redelivery: the agent's workflow id makes a second start a no-op, and a failed first one is retried.
    const tenantId = outcome.tenantId;
    if (tenantId) await withTenant(tenantId, () => startAgentConversation(pool, agentTarget, { tenantId, ...sms }));
    // A number nobody owns promises nothing: no tenant will ever answer it.
    answerTwiml(ctx, !outcome.routed || outcome.duplicate ? undefined : (outcome.reply ?? SEED_002_ACK));
  }, signed);

  return routes.router;
}
