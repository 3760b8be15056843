import { randomBytes } from 'node:crypto';
import { JwtIssuer } from '../../src/domain/identity/jwt.js';
import { newApiKey, sha256 } from '../../src/domain/identity/secrets.js';
import { hashPassword } from '../../src/domain/identity/passwords.js';
import type { TestApp } from './harness.js';

export interface TestAccount {
  userId: number;
  tenantId: number;
  email: string;
  username: string;
  password: string;
  /** JWT access token (Authorization: Bearer). */
  token: string;
  /** API key (Authorization: Token). */
  apiKey: string;
}

let cachedHash: Promise<string> | undefined;
const PASSWORD = 'correct-horse-battery';

/**
 * A user who owns a fresh tenant, made directly in the database so any test can have isolated
 * accounts without depending on the registration endpoint.
 */
export async function createAccount(app: TestApp, opts: { role?: 'owner' | 'admin' | 'member'; tenantId?: number } = {}): Promise<TestAccount> {
  const suffix = randomBytes(5).toString('hex');
  const email = `user-${suffix}@example.test`;
  cachedHash ??= hashPassword(PASSWORD);
  const client = await app.owner.connect();
  try {
    await client.query('begin');
    const tenantId =
      opts.tenantId ??
      (await client.query<{ id: number }>(`insert into tenants (name, slug) values ($1, $2) returning id`, [`Tenant ${suffix}`, `tenant-${suffix}`])).rows[0].id;
    const user = await client.query<{ id: number }>(
      `insert into users (email, username, password_hash, first_name, last_name, active_tenant_id, email_verified_at)
       values ($1, $1, $2, 'Test', $3, $4, now()) returning id`,
      [email, await cachedHash, suffix, tenantId],
    );
    const userId = user.rows[0].id;
    await client.query(`insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)`, [tenantId, userId, opts.role ?? 'owner']);
    const apiKey = newApiKey();
    await client.query(`insert into api_keys (user_id, prefix, key_hash) values ($1, $2, $3)`, [userId, apiKey.slice(0, 8), sha256(apiKey)]);
    await client.query('commit');
    const token = await new JwtIssuer(app.config.jwt.secret!, app.config.jwt.accessTtlSeconds).sign({ userId, epoch: 0 });
    return { userId, tenantId, email, username: email, password: PASSWORD, token, apiKey };
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}
