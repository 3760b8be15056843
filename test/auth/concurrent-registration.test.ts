import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { startTestApp, uniqueEmail, type TestApp } from '../support/harness.js';
import { requestContext } from '../../src/api/middleware/request-context.js';
import { errorHandler } from '../../src/api/middleware/error-handler.js';
import type { AppState } from '../../src/api/http/context.js';
import { createLogger } from '../../src/logger.js';
import { createAccount } from '../support/accounts.js';
import { PASSWORD, freshIp, fromIp } from './auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

const AT_ONCE = 6;

describe('creates racing for one derived name', () => {
  test('when registrations with the same first name and no tenant_name arrive at once, then every one is a 201 with its own workspace name and slug', async () => {
    // Each from its own address, so the per-address registration limit does not decide the outcome.
    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, () =>
        app.http.post('/api/auth/register/', { email: uniqueEmail('twin'), password: PASSWORD, first_name: 'Zebedee', last_name: 'Twin' }, fromIp(freshIp())),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(AT_ONCE).fill(201));
    const tenants = answers.map((a) => a.body.data.tenant as { name: string; slug: string });
    expect(new Set(tenants.map((t) => t.slug)).size).toBe(AT_ONCE);
    expect(new Set(tenants.map((t) => t.name)).size).toBe(AT_ONCE);
    for (const t of tenants) {
      expect(t.name).toMatch(/^Zebedee's workspace( [0-9a-f]{6})?$/);
      expect(t.slug).toMatch(/^zebedee-s-workspace(-[0-9a-f]{6})?$/);
    }
    expect(tenants.filter((t) => t.name === "Zebedee's workspace")).toHaveLength(1);
  });

  test('when one user creates tenants of the same name at once, then every one is created, slugs suffixed, names as given', async () => {
    const owner = await createAccount(app);
    const answers = await Promise.all(Array.from({ length: AT_ONCE }, () => app.http.post('/api/tenants/', { name: 'Parallel Co' }, { token: owner.token })));
    expect(answers.map((a) => a.status)).toEqual(Array(AT_ONCE).fill(201));
    const slugs = answers.map((a) => a.body.data.slug as string);
    expect(new Set(slugs).size).toBe(AT_ONCE);
    expect(answers.every((a) => a.body.data.name === 'Parallel Co')).toBe(true);
  });
});

describe('a unique violation no store translated', () => {
  test('when one reaches the error handler, then the answer is a 409 in the family envelope, never a 500', async () => {
    const taken = (await app.owner.query<{ slug: string }>(`select slug from tenants order by id limit 1`)).rows[0].slug;
    // The app's own first two middlewares in front of a real insert that PostgreSQL refuses.
    const koa = new Koa<AppState>();
    koa.use(requestContext(createLogger('silent')));
    koa.use(errorHandler());
    koa.use(async () => {
      await app.owner.query(`insert into tenants (name, slug) values ('Twin', $1)`, [taken]);
    });
    const server = koa.listen(0);
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/anything/`, { method: 'POST' });
      expect(res.status).toBe(409);
      expect(res.headers.get('error-code')).toBe('CONFLICT');
      expect(await res.json()).toEqual(expect.objectContaining({ error: 'conflict', code: 'CONFLICT', detail: expect.stringContaining('conflicts') }));
    } finally {
      server.close();
    }
  });
});
