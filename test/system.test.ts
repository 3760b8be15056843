import { startTestApp, type TestApp } from './support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('system endpoints', () => {
  test('when the health check is asked, then it reports the database and Temporal as measured now', async () => {
    const res = await app.http.get('/api/health/');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('healthy');
    expect(res.body.services.database.status).toBe('healthy');
    expect(res.body.services.database.response_time).toEqual(expect.any(Number));
    expect(res.body.services.temporal.status).toBe('healthy');
    expect(res.body).toEqual(expect.objectContaining({ version: expect.any(String), uptime: expect.any(Number), timestamp: expect.any(String) }));
  });

  test('when an unknown path is asked, then the answer is a 404 in the DRF envelope', async () => {
    const res = await app.http.get('/api/does-not-exist/');
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Not found.');
  });

  test('when system stats are asked without credentials, then the answer is 401', async () => {
    const res = await app.http.get('/api/system/stats/');
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Authentication credentials were not provided.');
  });

  test('when the OpenAPI document is asked, then it lists the health route and Swagger UI loads', async () => {
    const doc = await app.http.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/api/health/'].get).toBeDefined();
    const ui = await app.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const asset = await app.http.get('/api/docs/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });
});

describe('system statistics', () => {
  test('when platform staff ask, then host, database and queue figures come back', async () => {
    const { createAccount } = await import('./support/accounts.js');
    const account = await createAccount(app);
    await app.owner.query(`update users set role = 'staff' where id = $1`, [account.userId]);
    const res = await app.http.get('/api/system/stats/', { apiKey: account.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.system).toEqual(expect.objectContaining({ cpu_usage: expect.any(Number), memory_usage: expect.any(Number), uptime: expect.any(Number) }));
    expect(res.body.database).toEqual(expect.objectContaining({ total_size: expect.any(String), connections: expect.any(Number) }));
    expect(res.body.queues).toEqual({ pending_tasks: 0, failed_tasks: 0, completed_today: 0 });
  });

  test('when a tenant owner who is not staff asks, then only their tenant’s queue figures come back, host and database figures are null', async () => {
    const { createAccount } = await import('./support/accounts.js');
    const account = await createAccount(app, { role: 'owner' });
    const res = await app.http.get('/api/system/stats/', { apiKey: account.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.system).toEqual({ cpu_usage: null, memory_usage: null, disk_usage: null, uptime: null });
    expect(res.body.database).toEqual({ total_size: null, connections: null, slow_queries: null, cache_hit_ratio: null });
    expect(res.body.queues).toEqual({ pending_tasks: 0, failed_tasks: 0, completed_today: 0 });
  });
});
