// Only the webhooks module: the package's entry point loads every REST resource (about 25 MB resident).
import webhooks from 'twilio/lib/webhooks/webhooks.js';

export type WebhookParams = Record<string, string | string[]>;

/** Twilio's webhook signature: HMAC-SHA1 over the URL and the sorted form parameters (`X-Twilio-Signature`). */
export function signWebhook(secret: string, url: string, params: WebhookParams): string {
  return webhooks.getExpectedTwilioSignature(secret, url, params);
}

export function verifyWebhook(secret: string, signature: string | undefined, url: string, params: WebhookParams): boolean {
  if (!signature) return false;
  return webhooks.validateRequest(secret, signature, url, params);
}
