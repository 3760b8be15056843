import { randomInt } from 'node:crypto';
import type { TestApp } from '../support/harness.js';
import { signWebhook, webhookSigningSecret } from '../../src/domain/messaging/webhook-signature.js';

/** A random valid US number (New Jersey 201 area), unlikely to meet another test's. */
export function usNumber(): string {
  return `+1201${randomInt(200, 1000)}${String(randomInt(0, 10000)).padStart(4, '0')}`;
}

export async function addTenantNumber(app: TestApp, tenantId: number, phone: string, isDefault = true) {
  await app.owner.query('insert into tenant_numbers (tenant_id, phone_e164, is_default) values ($1, $2, $3)', [tenantId, phone, isDefault]);
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

export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, attempts = 100): Promise<T> {
  let value = await read();
  for (let i = 0; i < attempts && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
