import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface InstallSecretSource {
  /** The environment variable that supplies the secret, named in the production error. */
  variable: string;
  /** Its value, when set. */
  value?: string;
  /** The file under `dataDir` that keeps the generated secret. */
  file: string;
  dataDir: string;
  env: string;
  /** What production asks of the variable, appended to the error. */
  requirement?: string;
}

/**
 * A secret from its variable; otherwise (never in production) one generated for this install and kept
 * under DATA_DIR, so nothing signed survives into another install and restarts keep what was signed.
 * The file appears atomically (written aside, then hard-linked into place), so the API and the worker
 * starting together agree on one secret.
 */
export function resolveInstallSecret(s: InstallSecretSource): string {
  if (s.value) return s.value;
  if (s.env === 'production') throw new Error(`${s.variable}: required when NODE_ENV=production${s.requirement ? ` (${s.requirement})` : ''}`);
  const file = path.join(s.dataDir, s.file);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(s.dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8').trim();
}
