import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import type { Config } from '../../config.js';
import { resolveJwtSecret } from '../identity/jwt-secret.js';

export type WebhookParams = Record<string, string | string[]>;

/**
 * The secret that signs provider webhooks, with Twilio's algorithm (HMAC-SHA1 over the URL and the
 * sorted form parameters, header `X-Twilio-Signature`). With Twilio credentials it is the auth token;
 * without them (simulated mode) it is SIMULATED_WEBHOOK_SECRET, or else derived from the JWT secret, so
 * every deployment has its own and signature checks are never skipped.
 */
export function webhookSigningSecret(config: Config): string {
  if (config.twilio.authToken) return config.twilio.authToken;
  if (config.simulatedSms.webhookSecret) return config.simulatedSms.webhookSecret;
  const jwtSecret = resolveJwtSecret({ secret: config.jwt.secret, dataDir: config.dataDir, env: config.env });
  return createHmac('sha256', jwtSecret).update('switchboard:simulated-sms-webhooks').digest('base64url');
}

export function signWebhook(secret: string, url: string, params: WebhookParams): string {
  return twilio.getExpectedTwilioSignature(secret, url, params);
}

export function verifyWebhook(secret: string, signature: string | undefined, url: string, params: WebhookParams): boolean {
  if (!signature) return false;
  return twilio.validateRequest(secret, signature, url, params);
}
