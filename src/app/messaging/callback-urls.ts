import type { Config } from '../../config.js';

/** Paths of our provider webhooks; the URLs given to Twilio are these under PUBLIC_BASE_URL. */
export const WEBHOOK_PATHS = {
  twilioInbound: '/api/messaging/webhooks/twilio/inbound/',
  twilioStatus: '/api/messaging/webhooks/twilio/status/',
  seed002Inbound: '/api/sms/receive/',
} as const;

/**
 * The status callback for one message. Our message id rides in the query (covered by the signature)
 * so a callback still finds its row when the send's own answer was lost.
 */
export function statusCallbackUrl(config: Pick<Config, 'publicBaseUrl'>, messageId?: number | string): string {
  const base = `${config.publicBaseUrl}${WEBHOOK_PATHS.twilioStatus}`;
  return messageId === undefined ? base : `${base}?message_id=${encodeURIComponent(String(messageId))}`;
}
