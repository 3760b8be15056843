import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../support/harness.js';
import { startSimulatedSmsServer, type SimulatedSmsServer } from '../../src/dev/simulated-sms-server.js';

/**
 * Liveness, readiness, and seed 002's health with the language model and SMS provider. The "real"
 * providers are an OpenAI-compatible endpoint and Twilio's simulated API, each a real HTTP server.
 */
const TWILIO_TOKEN = 'health-test-auth-token';
const TWILIO_SID = 'AC' + 'a'.repeat(32);
let simulated: TestApp;
let real: TestApp;
let twilio: SimulatedSmsServer;
let modelServer: http.Server;
const modelRequests: { path: string; auth?: string }[] = [];

beforeAll(async () => {
  modelServer = http.createServer((req, res) => {
    modelRequests.push({ path: req.url ?? '', auth: req.headers.authorization });
    if (req.url === '/v1/models/gpt-health-test') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining-requests': '4500' });
      return res.end(JSON.stringify({ id: 'gpt-health-test', object: 'model' }));
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'The model does not exist' } }));
  });
  await new Promise<void>((r) => modelServer.listen(0, '127.0.0.1', r));
  twilio = await startSimulatedSmsServer({ authToken: TWILIO_TOKEN, accountSid: TWILIO_SID, callbacks: false });
  const modelUrl = `http://127.0.0.1:${(modelServer.address() as AddressInfo).port}/v1`;
  [simulated, real] = await Promise.all([
    startTestApp({ OPENAI_API_KEY: '', TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '' }),
    startTestApp({ OPENAI_API_KEY: 'sk-health', OPENAI_BASE_URL: modelUrl, OPENAI_MODEL: 'gpt-health-test', TWILIO_ACCOUNT_SID: TWILIO_SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_API_BASE_URL: twilio.url }),
  ]);
});
afterAll(async () => {
  await Promise.all([simulated?.close(), real?.close()]);
  await twilio?.close();
  await new Promise<void>((r) => modelServer.close(() => r()));
});

describe('liveness and readiness', () => {
  test('when liveness is asked, then it answers 200 without asking anything else', async () => {
    const res = await simulated.http.get('/api/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'alive', uptime: expect.any(Number) });
    expect((await simulated.http.get('/api/health/live/')).status).toBe(200);
  });

  test('when readiness is asked and the database and Temporal answer, then it is 200 with both measured', async () => {
    const res = await simulated.http.get('/api/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', services: { database: { status: 'healthy' }, temporal: { status: 'healthy' } } });
  });

  test('when the database or Temporal cannot be reached, then readiness is 503 and liveness still 200', async () => {
    const app = await startTestApp();
    try {
      await app.temporal.connection.close();
      const noTemporal = await app.http.get('/api/health/ready');
      expect(noTemporal.status).toBe(503);
      expect(noTemporal.body).toMatchObject({ status: 'not_ready', services: { database: { status: 'healthy' }, temporal: { status: 'unhealthy', error: expect.any(String) } } });
      await app.db.pool.end();
      const neither = await app.http.get('/api/health/ready');
      expect(neither.status).toBe(503);
      expect(neither.body.services.database).toMatchObject({ status: 'unhealthy', error: expect.any(String) });
      expect((await app.http.get('/api/health/live')).status).toBe(200);
      const seed = await app.http.get('/api/health/');
      expect([seed.status, seed.body.status]).toEqual([503, 'unhealthy']);
    } finally {
      await app.api.close();
      await app.owner.end();
    }
  });
});

describe('seed 002 health', () => {
  test('when no provider credentials are set, then openai and twilio are listed as healthy and simulated, naming the model that would be used', async () => {
    const res = await simulated.http.get('/api/health/');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('healthy');
    expect(Object.keys(res.body.services)).toEqual(['database', 'temporal', 'openai', 'twilio']);
    expect(res.body.services.openai).toEqual({
      status: 'healthy',
      response_time: expect.any(Number),
      provider: 'simulated',
      model: 'simulated',
      simulated: true,
      rate_limit_remaining: null,
      detail: expect.stringContaining('gpt-4o-mini'),
    });
    expect(res.body.services.twilio).toEqual({ status: 'healthy', response_time: expect.any(Number), provider: 'simulated', simulated: true, account_balance: null, detail: expect.stringContaining('TWILIO_ACCOUNT_SID') });
  });

  test('when an OpenAI-compatible endpoint and Twilio are configured, then each is probed: the model, its remaining rate limit, the account balance', async () => {
    const res = await real.http.get('/api/health/');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('healthy');
    expect(res.body.services.openai).toEqual({ status: 'healthy', response_time: expect.any(Number), provider: 'openai-compatible', model: 'gpt-health-test', simulated: false, rate_limit_remaining: 4500 });
    expect(res.body.services.twilio).toEqual({ status: 'healthy', response_time: expect.any(Number), provider: 'twilio', simulated: false, account_balance: '$1,000.00' });
    expect(modelRequests.at(-1)).toEqual({ path: '/v1/models/gpt-health-test', auth: 'Bearer sk-health' });
  });

  test('when the health check is asked again at once, then the providers are not asked again', async () => {
    const before = modelRequests.length;
    await real.http.get('/api/health/');
    await real.http.get('/api/health/');
    expect(modelRequests.length).toBe(before);
  });

  test('when the model is unknown to the endpoint, then openai is unhealthy with the reason and the whole answer degraded, still 200', async () => {
    const app = await startTestApp({ OPENAI_API_KEY: 'sk-health', OPENAI_BASE_URL: real.config.openai.baseUrl, OPENAI_MODEL: 'gpt-missing' });
    try {
      const res = await app.http.get('/api/health/');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('degraded');
      expect(res.body.services.openai).toEqual({ status: 'unhealthy', response_time: expect.any(Number), provider: 'openai-compatible', model: 'gpt-missing', simulated: false, error: 'the endpoint does not know the model gpt-missing' });
      expect(res.body.services.database.status).toBe('healthy');
    } finally {
      await app.close();
    }
  });
});
