import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import { resolveJwtSecret } from '../identity/jwt-secret.js';

/** Where providers post delivery updates for campaign messages. */
export const CAMPAIGN_STATUS_PATH = '/api/messaging/webhooks/twilio/campaign-status/';

/**
 * The status callback URL of one ledger row: `recipient_id` names the row and `sig` (HMAC-SHA256 of the
 * id under a key derived from the JWT secret, which the API and every worker share) proves we issued
 * it, so a callback finds its row even when the send's own answer was lost, and nobody can aim a
 * forged update at another row.
 */
export class RecipientCallbacks {
  private readonly key: Buffer;

  constructor(private readonly config: Pick<Config, 'publicBaseUrl' | 'jwt' | 'dataDir' | 'env'>) {
    const secret = resolveJwtSecret({ secret: config.jwt.secret, dataDir: config.dataDir, env: config.env });
    this.key = createHmac('sha256', secret).update('switchboard:campaign-recipient-callback').digest();
  }

  url(recipientId: number): string {
    return `${this.config.publicBaseUrl}${CAMPAIGN_STATUS_PATH}?recipient_id=${recipientId}&sig=${this.sign(recipientId)}`;
  }

  sign(recipientId: number): string {
    return createHmac('sha256', this.key).update(String(recipientId)).digest('base64url').slice(0, 32);
  }

  verify(recipientId: string, sig: string): boolean {
    if (!/^\d{1,18}$/.test(recipientId)) return false;
    const expected = Buffer.from(this.sign(Number(recipientId)));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
