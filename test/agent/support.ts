import { randomInt } from 'node:crypto';
import type { TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';

/** A fresh E.164 number in the 555-01xx fictional range's area, unique enough per run. */
export const agentPhone = () => `+1415${randomInt(200, 1000)}${String(randomInt(0, 10000)).padStart(4, '0')}`;

export async function createAgentUser(app: TestApp, account: TestAccount, body: Record<string, unknown> = {}) {
  const res = await app.http.post('/api/users/', { phone_number: agentPhone(), ...body }, { apiKey: account.apiKey });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${res.text}`);
  return res.body as { phone_number: string; tier: string };
}

export function expectDrfValidation(body: Record<string, unknown>, field: string) {
  return {
    error: 'validation_error',
    detail: expect.any(String),
    fields: expect.objectContaining({ [field]: expect.arrayContaining([expect.any(String)]) }),
    timestamp: expect.any(String),
    request_id: expect.any(String),
    ...body,
  };
}
