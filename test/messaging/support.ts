import { randomBytes, randomInt } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { TestApp } from '../support/harness.js';
import { webhookSigningSecret } from '../../src/app/messaging/webhook-signing-secret.js';
import { signWebhook } from '../../src/domain/messaging/webhook-signature.js';

/** A random valid US number (New Jersey 201 area), unlikely to meet another test's. */
export function usNumber(): string {
  return `+1201${randomInt(200, 1000)}${String(randomInt(0, 10000)).padStart(4, '0')}`;
}

/** A number from the simulated provider's account (NANP fiction range 555-01XX), so it can be registered. */
export function simulatedAccountNumber(): string {
  for (;;) {
    const candidate = `+1${randomInt(201, 990)}55501${String(randomInt(0, 100)).padStart(2, '0')}`;
    if (parsePhoneNumberFromString(candidate)?.isValid()) return candidate; // an area code in service
  }
}

/** A number bought through seed 003's channels, as an owner buys one: it is the tenant's at once. */
export async function buyNumber(app: TestApp, account: { token: string }): Promise<string> {
  const res = await app.http.post('/api/channels/generate-phone-number', { country: 'US', type: 'sms' }, { token: account.token });
  if (res.status !== 200) throw new Error(`buy number: ${res.status} ${res.text}`);
  return res.body.phoneNumber;
}

/** Registers a fresh alphanumeric sender ID (unique across tenants, hence the random tail) and answers it. */
export async function registerSenderId(app: TestApp, account: { token: string }, prefix = 'SB'): Promise<string> {
  const senderId = `${prefix}${randomBytes(4).toString('hex').toUpperCase()}`.slice(0, 11);
  const res = await app.http.post('/api/messaging/sender-ids/', { sender_id: senderId }, { token: account.token });
  if (res.status !== 201) throw new Error(`register sender id: ${res.status} ${res.text}`);
  return senderId;
}

/** Posts a form webhook signed the way Twilio signs it, over PUBLIC_BASE_URL + path. */
export async function postSignedWebhook(app: TestApp, path: string, params: Record<string, string>, opts: { secret?: string; signature?: string } = {}) {
  const secret = opts.secret ?? webhookSigningSecret(app.config);
  const signature = opts.signature ?? signWebhook(secret, `${app.config.publicBaseUrl}${path}`, params);
  return app.http.request('POST', path, undefined, {
    raw: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature ? { 'x-twilio-signature': signature } : {}) },
  });
}
