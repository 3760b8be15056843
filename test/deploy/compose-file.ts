import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * docker-compose.yml as the tests read it (no Docker engine here): its services, their environments
 * with compose's `${…}` substitution from an operator's .env, and their commands run as processes
 * pointed at this run's PostgreSQL and Temporal instead of the compose hostnames.
 */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  ports?: string[];
  expose?: string[];
  restart?: string;
  volumes?: string[];
  deploy?: { replicas?: string | number };
}

export const readCompose = (file = 'docker-compose.yml') =>
  parse(readFileSync(path.join(root, file), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

export const compose = readCompose();

/** What an operator's .env holds; the app password is the one this test run gave the shared role. */
export const dotenv: Record<string, string> = {
  POSTGRES_PASSWORD: 'unused-in-this-test',
  TEMPORAL_DB_PASSWORD: 'compose-test-temporal-password',
  DATABASE_APP_PASSWORD: process.env.DATABASE_APP_PASSWORD!,
  JWT_SECRET: 'compose-test-jwt-secret-0123456789abcdef',
  RAZORPAY_WEBHOOK_SECRET: 'compose-test-webhook-secret',
  // These processes run production with the simulated providers, which production accepts only so.
  ALLOW_SIMULATED_PROVIDERS: 'true',
};

/** `${VAR}`, `${VAR:-default}` and `${VAR:?message}` as compose substitutes them. */
export function substitute(value: string): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    if (dotenv[name] !== undefined) return dotenv[name];
    if (op === '?') throw new Error(`compose requires ${name}: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}

/** A service's environment as its container sees it: a bare name passes the .env value through. */
export function environmentOf(service: string): Record<string, string> {
  const raw = compose.services[service].environment ?? {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined) {
      if (dotenv[name] !== undefined) out[name] = dotenv[name];
    } else out[name] = substitute(String(value));
  }
  return out;
}

/** The compose hostnames, redirected to this run's servers. */
export function onThisMachine(env: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const run = new URL(process.env.DATABASE_URL!);
  const local = (url: string, asRunOwner: boolean) => {
    const u = new URL(url);
    u.host = run.host;
    u.pathname = run.pathname;
    // The compose owner is the postgres image's superuser; here it is this run's.
    if (asRunOwner) [u.username, u.password] = [run.username, run.password];
    return u.toString();
  };
  const out = { ...env, ...extra };
  if (out.DATABASE_URL) out.DATABASE_URL = local(out.DATABASE_URL, true);
  if (out.DATABASE_APP_URL) out.DATABASE_APP_URL = local(out.DATABASE_APP_URL, false);
  if (out.TEMPORAL_ADDRESS) out.TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS!;
  return out;
}

/** A TypeScript entry point of the image (`npm run api` is `tsx src/server.ts`), as a child process. */
export function runScript(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, script)], {
    cwd: root,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode ? resolve(child.exitCode) : child.once('exit', resolve)));
