import { randomBytes } from 'node:crypto';
import { uniqueEmail, type HttpResult, type TestApp } from '../support/harness.js';

export const PASSWORD = 'S3cure-passphrase!';

/** A fresh client address per call, so each test has its own login budget (needs TRUST_PROXY=true). */
export function freshIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export const fromIp = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

/** Registers from a fresh address, so registrations do not spend one another's per-address budget. */
export async function register(app: TestApp, overrides: Record<string, unknown> = {}, ip = freshIp()): Promise<{ email: string; res: HttpResult }> {
  const email = (overrides.email as string) ?? uniqueEmail('reg');
  const res = await app.http.post('/api/auth/register/', { email, password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace', ...overrides }, fromIp(ip));
  return { email, res };
}

export async function login(app: TestApp, body: Record<string, unknown>, ip = freshIp()): Promise<HttpResult> {
  return app.http.post('/api/auth/login/', body, fromIp(ip));
}

/** The `sessionid=...` pair from a login answer's Set-Cookie header. */
export function sessionCookie(res: HttpResult): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('sessionid='));
  if (!header) throw new Error('no sessionid cookie was set');
  return header.split(';')[0];
}

/** The newest outbox email of a kind to an address. */
export async function latestEmail(app: TestApp, to: string, kind: string): Promise<{ subject: string; body: string } | undefined> {
  const { rows } = await app.owner.query<{ subject: string; body: string }>(
    `select subject, body from outbox_emails where lower(to_address) = lower($1) and kind = $2 order by id desc limit 1`,
    [to, kind],
  );
  return rows[0];
}

export function tokenFromLink(body: string, path: string): string {
  const match = body.match(new RegExp(`${path}\\?token=([\\w%-]+)`));
  if (!match) throw new Error(`no ${path} link in: ${body}`);
  return decodeURIComponent(match[1]);
}

export async function countRows(app: TestApp, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await app.owner.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params);
  return rows[0].n;
}
