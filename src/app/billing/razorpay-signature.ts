import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import { resolveInstallSecret } from '../../install-secret.js';

/** RAZORPAY_WEBHOOK_SECRET; without it (never in production) a secret of this install, kept under DATA_DIR. */
export function razorpayWebhookSecret(config: Pick<Config, 'env' | 'razorpay' | 'dataDir'>): string {
  return resolveInstallSecret({ variable: 'RAZORPAY_WEBHOOK_SECRET', value: config.razorpay.webhookSecret, file: 'razorpay-webhook-secret', dataDir: config.dataDir, env: config.env });
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
