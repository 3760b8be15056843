import type { Middleware } from 'koa';
import { forbidden } from '../../../domain/shared/errors.js';
import { verifyWebhook, type WebhookParams } from '../../../domain/messaging/webhook-signature.js';
import type { AppState } from '../../http/context.js';

/**
 * Refuses (403) a webhook whose `X-Twilio-Signature` does not match. The URL Twilio signed is the public
 * one: PUBLIC_BASE_URL plus the path and query as received, since a TLS proxy in front of the API
 * changes the scheme and host this process sees.
 */
export function verifyTwilioSignature(secret: string, publicBaseUrl: string): Middleware<AppState> {
  return async (ctx, next) => {
    const url = `${publicBaseUrl}${ctx.originalUrl}`;
    if (!verifyWebhook(secret, ctx.get('x-twilio-signature') || undefined, url, formParams(ctx.request))) {
      ctx.state.log.warn({ url }, 'webhook refused: bad or missing signature');
      throw forbidden('Invalid webhook signature.');
    }
    await next();
  };
}

/** The form fields exactly as posted (repeated keys kept), not as a nested-object parser reads them. */
function formParams(request: { rawBody?: string; body?: unknown; is(type: string): string | false | null }): WebhookParams {
  if (!request.is('application/x-www-form-urlencoded') || typeof request.rawBody !== 'string') return {};
  const params: WebhookParams = {};
  for (const [key, value] of new URLSearchParams(request.rawBody)) {
    const prev = params[key];
    params[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return params;
}
