import { resolveInstallSecret } from '../../install-secret.js';

/** JWT_SECRET when set; otherwise (development only) a secret kept under DATA_DIR so sessions survive restarts. */
export function resolveJwtSecret(opts: { secret?: string; dataDir: string; env: string }): string {
  return resolveInstallSecret({ variable: 'JWT_SECRET', value: opts.secret, file: 'jwt-secret', dataDir: opts.dataDir, env: opts.env, requirement: 'at least 32 characters' });
}
