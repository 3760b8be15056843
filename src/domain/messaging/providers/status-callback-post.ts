import { signWebhook } from '../webhook-signature.js';

export interface StatusCallbackParams {
  accountSid: string;
  messageSid: string;
  status: string;
  to: string;
  from?: string;
  errorCode?: string;
}

/**
 * Posts one delivery update the way Twilio does: form-encoded, signed over the callback URL as given
 * at send time. `deliverTo` replaces the origin the POST actually goes to (a test app on a free port
 * behind a PUBLIC_BASE_URL that does not resolve), while the signature stays over the original URL,
 * just as a TLS proxy in front of the API would see it.
 */
export async function postStatusCallback(callbackUrl: string, secret: string, p: StatusCallbackParams, deliverTo?: string): Promise<number> {
  const params: Record<string, string> = {
    AccountSid: p.accountSid,
    ApiVersion: '2010-04-01',
    MessageSid: p.messageSid,
    SmsSid: p.messageSid,
    MessageStatus: p.status,
    SmsStatus: p.status,
    To: p.to,
    ...(p.from ? { From: p.from } : {}),
    ...(p.errorCode ? { ErrorCode: p.errorCode } : {}),
  };
  const target = new URL(callbackUrl);
  if (deliverTo) {
    const origin = new URL(deliverTo);
    target.protocol = origin.protocol;
    target.host = origin.host;
  }
  const res = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signWebhook(secret, callbackUrl, params) },
    body: new URLSearchParams(params),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}
