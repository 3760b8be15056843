import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/db/database.js';
import { appConnection } from '../../src/db/app-role.js';
import { connectTemporal } from '../../src/temporal/client.js';
import { startApi } from '../../src/api/bootstrap.js';
import { freePort } from '../../src/dev/temporal-dev-server.js';

/** An API on a chosen port (the test harness picks a free one itself, after the base URL is fixed). */
async function startApiOn(port: number, env: Record<string, string>) {
  const config = loadConfig({ ...process.env, ...env });
  const db = await openDatabase(appConnection(config).url, { poolSize: 2 });
  const temporal = await connectTemporal(config.temporal.address!, config.temporal.namespace);
  const api = await startApi({ config, db, temporal, logger: createLogger('silent'), port });
  return { close: async () => (await api.close(), await temporal.close(), await db.close()) };
}

/** CORS by CORS_ORIGINS, helmet's headers and their CSP (Swagger UI still loads in a real browser), compression. */
const LISTED = 'https://app.example.test';
let app: TestApp;
let closed: TestApp;
let account: TestAccount;
beforeAll(async () => {
  [app, closed] = await Promise.all([startTestApp({ CORS_ORIGINS: `${LISTED}, http://localhost:3000` }), startTestApp({ CORS_ORIGINS: '', COMPRESSION: 'false' })]);
  account = await createAccount(app);
});
afterAll(() => Promise.all([app.close(), closed.close()]));

describe('CORS', () => {
  test('when a listed origin sends a preflight, then it may send the headers the API honours and read the ones it answers', async () => {
    const res = await fetch(`${app.url}/api/messaging/contacts/`, {
      method: 'OPTIONS',
      headers: { origin: LISTED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key, x-tenant-id' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type, idempotency-key, x-tenant-id');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('when a listed origin reads an answer, even an error, then it is allowed and sees the budget and error-code headers', async () => {
    const ok = await app.http.get('/api/messaging/templates/', { token: account.token, headers: { origin: LISTED } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(ok.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('X-RateLimit-Remaining'));
    const refused = await app.http.get('/api/messaging/templates/', { headers: { origin: LISTED } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(refused.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('Error-Code'));
  });

  test('when a listed origin opens Socket.IO by long-polling, then its handshake may be read; an unlisted one may not', async () => {
    const handshake = (base: string, origin: string) => fetch(`${base}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    const listed = await handshake(app.url, LISTED);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect((await handshake(app.url, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await handshake(closed.url, LISTED)).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('when an origin is not listed, or none is configured, then no CORS header is sent', async () => {
    const stranger = await app.http.get('/api/health/live', { headers: { origin: 'https://evil.example' } });
    expect(stranger.status).toBe(200);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${closed.url}/api/messaging/contacts/`, { method: 'OPTIONS', headers: { origin: LISTED, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect((await closed.http.get('/api/health/live', { headers: { origin: LISTED } })).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers', () => {
  test('when any answer is read, then it carries helmet’s headers and a same-origin Content-Security-Policy', async () => {
    for (const path of ['/api/health/live', '/api/docs', '/api/does-not-exist/']) {
      const res = await app.http.get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect({ path, csp }).toEqual({ path, csp: expect.stringContaining("script-src 'self'") });
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      // The run's PUBLIC_BASE_URL is https, so HSTS is on; pages reached over plain http still load.
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  const browserTest = existsSync('/usr/bin/chromium') ? test : test.skip;
  browserTest('when Swagger UI is opened in a real browser under that policy, then it renders, calls the API from “Try it out”, and the console reports no CSP violation', async () => {
    // An http base URL on the port it listens on, as `npm start` has (the document's server URL is that base).
    const port = await freePort();
    const plain = await startApiOn(port, { PUBLIC_BASE_URL: `http://localhost:${port}` });
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'], headless: true });
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      await page.goto(`http://localhost:${port}/api/docs`);
      // Swagger UI's own script ran (the initializer is a same-origin file) and its "Try it out" may call the API.
      const live = page.locator('.opblock-get', { has: page.locator('.opblock-summary-path', { hasText: /^\/api\/health\/live$/ }) });
      await live.locator('.opblock-summary').click();
      await live.getByRole('button', { name: 'Try it out' }).click();
      await live.getByRole('button', { name: 'Execute' }).click();
      await live.locator('.live-responses-table .response-col_status', { hasText: '200' }).first().waitFor({ timeout: 30_000 });
      expect(violations).toEqual([]);
    } finally {
      await browser?.close();
      await plain.close();
    }
  });
});

describe('compression', () => {
  test('when a large JSON answer is asked with Accept-Encoding, then it is compressed; a small one is not', async () => {
    const big = await fetch(`${app.url}/api/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(big.headers.get('content-encoding')).toBe('gzip');
    expect(((await big.json()) as { paths?: object }).paths).toBeDefined();
    const br = await fetch(`${app.url}/api/openapi.json`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    const small = await fetch(`${app.url}/api/health/live`, { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  test('when COMPRESSION=false (a proxy in front compresses), then nothing is compressed here', async () => {
    const big = await fetch(`${closed.url}/api/openapi.json`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(big.status).toBe(200);
    expect(big.headers.get('content-encoding')).toBeNull();
  });

  test('when a CSV download streams, then it is sent as written, uncompressed', async () => {
    const res = await fetch(`${app.url}/api/phone-generator/download-numbers/?status=all&user_id=${account.userId}`, { headers: { authorization: `Token ${account.apiKey}`, 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toMatch(/^\S/);
  });
});
