import { createHmac } from 'node:crypto';
import type { Config } from '../../config.js';
import { resolveJwtSecret } from '../identity/jwt-secret.js';

/**
 * The secret that signs provider webhooks (with Twilio's algorithm, `domain/messaging/webhook-signature.ts`).
 * With Twilio credentials it is the auth token; without them (simulated mode) it is
 * SIMULATED_WEBHOOK_SECRET, or else derived from the JWT secret, so every deployment has its own and
 * signature checks are never skipped.
 */
export function webhookSigningSecret(config: Config): string {
  if (config.twilio.authToken) return config.twilio.authToken;
  if (config.simulatedSms.webhookSecret) return config.simulatedSms.webhookSecret;
  const jwtSecret = resolveJwtSecret({ secret: config.jwt.secret, dataDir: config.dataDir, env: config.env });
  return createHmac('sha256', jwtSecret).update('switchboard:simulated-sms-webhooks').digest('base64url');
}
