import { startTestApp, type TestApp } from '../support/harness.js';

/**
 * Walks the served /api/openapi.json: every operation must say what it answers, how to call it and
 * how it fails. A route added without a response schema fails here (and, through `Routes`, in tsc).
 */
let app: TestApp;
let doc: any;
beforeAll(async () => {
  app = await startTestApp();
  doc = (await app.http.get('/api/openapi.json')).body;
});
afterAll(() => app.close());

interface Op {
  key: string;
  path: string;
  method: string;
  op: any;
}

const operations = (): Op[] =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op })),
  );
const isAuthenticated = (op: any) => Array.isArray(op.security) && op.security.length > 0;
const headerNames = (op: any) => (op.parameters ?? []).filter((p: any) => p.in === 'header').map((p: any) => p.name);
const without = (list: Op[], ok: (o: Op) => boolean) => list.filter((o) => !ok(o)).map((o) => o.key);

describe('the OpenAPI document', () => {
  test('when every operation is walked, then each has a success response with a schema and a unique operationId', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const successWithSchema = (o: Op) =>
      Object.entries(o.op.responses ?? {}).some(([status, r]: [string, any]) => /^2\d\d$/.test(status) && Object.values(r.content ?? {}).some((c: any) => c.schema));
    expect(without(ops, successWithSchema)).toEqual([]);
    expect(without(ops, (o) => typeof o.op.operationId === 'string' && o.op.operationId.length > 0)).toEqual([]);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test('when an operation needs a caller, then it accepts Bearer, Token, X-API-Key and the session cookie, honours X-Tenant-ID, and documents 401, 403 and 429', () => {
    const schemes = doc.components.securitySchemes;
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.token).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(schemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(schemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'sessionid' });
    const authed = operations().filter((o) => isAuthenticated(o.op));
    expect(authed.length).toBeGreaterThan(80);
    const allSchemes = (o: Op) => ['bearer', 'token', 'apiKey', 'session'].every((s) => o.op.security.some((req: any) => s in req));
    expect(without(authed, allSchemes)).toEqual([]);
    expect(without(authed, (o) => headerNames(o.op).includes('X-Tenant-ID'))).toEqual([]);
    // Seed 001's chunk upload is exempt from the request budget, so it alone has no 429.
    expect(without(authed, (o) => ['401', '403'].every((s) => s in o.op.responses))).toEqual([]);
    expect(without(authed, (o) => '429' in o.op.responses || o.path === '/api/upload/chunk/')).toEqual([]);
    const rateHeaders = (o: Op) => Object.entries(o.op.responses).every(([s, r]: [string, any]) => !/^2/.test(s) || 'X-RateLimit-Remaining' in (r.headers ?? {}));
    expect(without(authed, (o) => rateHeaders(o) || o.path === '/api/upload/chunk/')).toEqual([]);
  });

  test('when an operation is an authenticated write, then it documents Idempotency-Key and the 409 of a reused key', () => {
    const writes = operations().filter((o) => isAuthenticated(o.op) && ['post', 'put', 'patch'].includes(o.method));
    expect(writes.length).toBeGreaterThan(40);
    expect(without(writes, (o) => headerNames(o.op).includes('Idempotency-Key') && '409' in o.op.responses)).toEqual([]);
    const reads = operations().filter((o) => o.method === 'get');
    expect(reads.filter((o) => headerNames(o.op).includes('Idempotency-Key')).map((o) => o.key)).toEqual([]);
  });

  test('when an operation takes input or a path id, then its 400 or 404 is documented in its family’s error envelope', () => {
    const ops = operations();
    const withInput = ops.filter((o) => o.op.requestBody || (o.op.parameters ?? []).some((p: any) => p.in === 'query' || p.in === 'path'));
    expect(without(withInput, (o) => '400' in o.op.responses)).toEqual([]);
    const withId = ops.filter((o) => o.path.includes('{'));
    expect(without(withId, (o) => '404' in o.op.responses)).toEqual([]);
    const errorRef = (path: string, method: string, status: string) => doc.paths[path][method].responses[status].content['application/json'].schema.$ref;
    expect(errorRef('/api/phone-generator/generate-numbers-enhanced/', 'post', '400')).toBe('#/components/schemas/PhoneError');
    expect(errorRef('/api/messaging/templates/', 'post', '400')).toBe('#/components/schemas/MifumoError');
    expect(errorRef('/api/channels/{id}', 'get', '404')).toBe('#/components/schemas/ChannelsError');
    expect(errorRef('/api/api/contacts/{id}/', 'get', '404')).toBe('#/components/schemas/DrfError');
    expect(errorRef('/api/auth/login/', 'post', '401')).toBe('#/components/schemas/AuthError');
  });

  test('when the paths are listed, then none is a copy of another without its trailing slash, and none is undescribed', () => {
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => !p.endsWith('/') && paths.includes(`${p}/`))).toEqual([]);
    expect(operations().filter((o) => (o.op.tags ?? []).includes('other')).map((o) => o.key)).toEqual([]);
  });

  test('when seed 000’s generation body is read, then its fields carry their JSON types and the required ones are marked', () => {
    const schema = doc.paths['/api/phone-generator/generate-numbers-config/'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['user_id', 'area_code', 'quantity']));
    expect(schema.properties.quantity.type).toEqual(expect.arrayContaining(['integer']));
    expect(schema.properties.batch_size).toMatchObject({ minimum: 100, maximum: 10000 });
    expect(schema.properties.area_code.pattern).toBeDefined();
    expect(schema.properties.auto_validate.type).toEqual(expect.arrayContaining(['boolean']));
    expect(schema.properties.type_filter.enum).toEqual(expect.arrayContaining(['mobile', 'landline']));
    const untyped = Object.entries(schema.properties).filter(([, s]: [string, any]) => s.type === undefined && !s.anyOf && !s.oneOf);
    expect(untyped).toEqual([]);
  });

  test('when the realtime side is asked, then /api/asyncapi.json describes both WebSocket streams and the Socket.IO events, and Swagger UI still loads', async () => {
    const res = await app.http.get('/api/asyncapi.json');
    expect(res.status).toBe(200);
    expect(res.body.asyncapi).toBe('3.0.0');
    expect(Object.values(res.body.channels).map((c: any) => c.address)).toEqual(['/ws/tasks/{user_id}/', '/ws/phone-generation/{user_id}/', '/socket.io/']);
    const names = Object.values(res.body.components.messages).map((m: any) => m.name);
    expect(names).toEqual(expect.arrayContaining(['connection_established', 'task_progress', 'task_completed', 'task_failed', 'task_cancelled', 'subscribe', 'subscribed', 'subscription_error']));
    const ui = await app.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('/api/docs/swagger-initializer.js');
    const initializer = await app.http.get('/api/docs/swagger-initializer.js');
    expect(initializer.status).toBe(200);
    expect(initializer.text).toContain('/api/openapi.json');
  });
});
