import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { principalOf } from '../http/context.js';
import { listPlans } from '../../db/billing/plan-store.js';
import { razorpayPlanView } from '../../app/billing/plan-views.js';
import { razorpaySubscriptionView } from '../../app/billing/subscription-views.js';
import { SubscriptionService } from '../../app/billing/subscription-service.js';
import { receivePaymentWebhook } from '../../app/billing/payment-webhook.js';
import { razorpayWebhookSecret } from '../../app/billing/razorpay-signature.js';
import { canManage } from '../../domain/tenancy/roles.js';
import { forbidden } from '../../domain/shared/errors.js';
import { subscribeBody, webhookBody } from './billing/payment.schemas.js';
import { signedEventId, verifyRazorpaySignature } from './billing/verify-razorpay-signature.js';
import { paymentResponses as r } from './billing/billing.responses.js';

/** Seed 001's payments: plans, subscribe (starts the subscription lifecycle workflow), the signed payment webhook. */
export function createPaymentsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const subscriptions = new SubscriptionService(pool, deps.temporal, deps.config.temporal.taskQueues.bulk);
  const signed = verifyRazorpaySignature(razorpayWebhookSecret(deps.config));
  const routes = new Routes(docs, 'payments', '/api/payments');

  routes.get('/plans/', { summary: 'Subscription plans (amounts in the smallest currency unit)', response: r.plans }, async () => {
    return { success: true, plans: (await listPlans(pool)).map(razorpayPlanView) };
  });

  routes.post('/subscribe/', { summary: "Subscribe the tenant to a plan (pending until paid); another plan changes the live subscription's plan", body: subscribeBody, response: r.subscribed }, async (ctx) => {
    const principal = principalOf(ctx);
    if (!canManage(principal.role)) throw forbidden('Only tenant owners and admins can change the subscription.');
    const { plan_id, plan_type } = ctx.state.body;
    const { subscription, plan } = await subscriptions.subscribe(principal, { planId: plan_id, planType: plan_type });
    return { success: true, subscription: razorpaySubscriptionView(subscription, plan), subscription_id: subscription.id };
  });

  routes.post(
    '/webhook/',
    {
      summary:
        "Razorpay-style payment webhook, signed with X-Razorpay-Signature (HMAC-SHA256 of the raw body); a body counts once, a payment once, and only for its plan's price",
      public: true,
      body: webhookBody,
      response: r.webhook,
      errors: [401],
    },
    async (ctx) => {
      const result = await receivePaymentWebhook(pool, deps.temporal, { eventId: signedEventId(ctx), body: ctx.state.body });
      return { success: true, status: result.outcome, event: result.event, subscription_id: result.subscription_id, subscription_status: result.status, ...(result.reason ? { reason: result.reason } : {}) };
    },
    signed,
  );

  return routes.router;
}
