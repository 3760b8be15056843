import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { appConnection } from '../../src/db/app-role.js';
import { connectTemporal, type TemporalHandle } from '../../src/temporal/client.js';
import { startApi, type RunningApi } from '../../src/api/bootstrap.js';
import { createAccount, type TestAccount } from './accounts.js';

export interface TestApp {
  url: string;
  config: Config;
  /** The application's own connection: confined by row-level security to the scoped tenant. */
  db: Database;
  /** The schema owner's pool, for tests that inspect or arrange rows across tenants. */
  owner: pg.Pool;
  temporal: TemporalHandle;
  api: RunningApi;
  http: HttpClient;
  close(): Promise<void>;
}

/** A real API on a free port, against the run's database and Temporal server. One per test file. */
/** A test app with one fresh tenant and its owner: what most test files start from. */
export async function startTestAppWithAccount(env: Record<string, string> = {}): Promise<{ app: TestApp; account: TestAccount }> {
  const app = await startTestApp(env);
  return { app, account: await createAccount(app) };
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ ...process.env, ...env });
  const db = await openDatabase(appConnection(config).url, { poolSize: 5 });
  const owner = new pg.Pool({ connectionString: config.databaseUrl!, max: 3 });
  const temporal = await connectTemporal(config.temporal.address!, config.temporal.namespace);
  const logger = createLogger(config.logLevel);
  const api = await startApi({ config, db, temporal, logger, port: 0 });
  return {
    url: api.url,
    config,
    db,
    owner,
    temporal,
    api,
    http: new HttpClient(api.url),
    async close() {
      await api.close();
      await temporal.close();
      await db.close();
      await owner.end();
    },
  };
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  raw?: string | Buffer | FormData;
}

/** Minimal fetch wrapper: JSON in, JSON (or text) out, never throws on a status. */
export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.apiKey) headers.authorization = `Token ${opts.apiKey}`;
    let payload: string | Buffer | FormData | undefined;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload as never });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }

  get<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('GET', path, undefined, opts);
  }
  post<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('POST', path, body, opts);
  }
  put<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PUT', path, body, opts);
  }
  patch<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PATCH', path, body, opts);
  }
  delete<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('DELETE', path, undefined, opts);
  }
}

export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(5).toString('hex')}@example.test`;
