import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';

/** Used outside production when RAZORPAY_WEBHOOK_SECRET is not set, so local webhooks can be signed. */
export const DEV_RAZORPAY_WEBHOOK_SECRET = 'switchboard-dev-razorpay-webhook-secret';

export function razorpayWebhookSecret(config: Pick<Config, 'env' | 'razorpay'>): string {
  if (config.razorpay.webhookSecret) return config.razorpay.webhookSecret;
  if (config.env === 'production') throw new Error('RAZORPAY_WEBHOOK_SECRET: required when NODE_ENV=production');
  return DEV_RAZORPAY_WEBHOOK_SECRET;
}

/** Razorpay's `X-Razorpay-Signature`: hex HMAC-SHA256 of the raw request body with the webhook secret. */
export function signRazorpayWebhook(secret: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export function verifyRazorpayWebhook(secret: string, rawBody: string | Buffer | undefined, signature: string | undefined): boolean {
  if (rawBody === undefined || !signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signRazorpayWebhook(secret, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
