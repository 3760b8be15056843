import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** JWT_SECRET when set; otherwise (development only) a secret kept under DATA_DIR so sessions survive restarts. */
export function resolveJwtSecret(opts: { secret?: string; dataDir: string; env: string }): string {
  if (opts.secret) return opts.secret;
  if (opts.env === 'production') throw new Error('JWT_SECRET: required when NODE_ENV=production (at least 32 characters)');
  const file = path.join(opts.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(opts.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
