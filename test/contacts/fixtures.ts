import { randomBytes } from 'node:crypto';
import type { TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';

/** A unique, valid US mobile-looking number per call (NANP 415-2xx-xxxx). */
export function uniquePhone(): string {
  const n = randomBytes(3).readUIntBE(0, 3) % 10_000_000;
  const exchange = 200 + Math.floor(n / 10_000) % 800;
  return `+1415${exchange}${String(n % 10_000).padStart(4, '0')}`;
}

export const uniqueContactEmail = (label = 'contact') => `${label}-${randomBytes(4).toString('hex')}@example.com`;

/** Seed 001 create; fails the test when the API refuses. */
export async function createB2bContact(app: TestApp, account: TestAccount, body: Record<string, unknown>) {
  const res = await app.http.post('/api/api/contacts/', { email: uniqueContactEmail(), ...body }, { apiKey: account.apiKey });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.body as { id: number } & Record<string, unknown>;
}

/** Seed 004 create/upsert. */
export async function createMessagingContact(app: TestApp, account: TestAccount, body: Record<string, unknown>) {
  const res = await app.http.post('/api/messaging/contacts/', body, { token: account.token });
  if (res.status !== 201 && res.status !== 200) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.body.data as { id: number } & Record<string, unknown>;
}
