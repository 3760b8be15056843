import twilio from 'twilio';

export type WebhookParams = Record<string, string | string[]>;

/** Twilio's webhook signature: HMAC-SHA1 over the URL and the sorted form parameters (`X-Twilio-Signature`). */
export function signWebhook(secret: string, url: string, params: WebhookParams): string {
  return twilio.getExpectedTwilioSignature(secret, url, params);
}

export function verifyWebhook(secret: string, signature: string | undefined, url: string, params: WebhookParams): boolean {
  if (!signature) return false;
  return twilio.validateRequest(secret, signature, url, params);
}
