import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { freshIp, login, sessionCookie } from '../auth/auth-helpers.js';
import { connectSocketIo, openWebSocket, type HeardWebSocket } from './socket-clients.js';

/** Seed 000's quick start in a browser: `new WebSocket('ws://…/ws/tasks/<user_id>/')`, no token, the page signed in. */
let app: TestApp;
let owner: TestAccount;
let cookie: string;
const open: HeardWebSocket[] = [];
const connect = (path: string, headers: Record<string, string>) => {
  const heard = openWebSocket(app, path, headers);
  open.push(heard);
  return heard;
};
const EVIL = 'https://evil.example';

beforeAll(async () => {
  ({ app, account: owner } = await startTestAppWithAccount({ TRUST_PROXY: 'true' }));
  cookie = sessionCookie(await login(app, { email: owner.email, password: owner.password }, freshIp()));
});
afterEach(() => {
  for (const { ws } of open.splice(0)) ws.terminate();
});
afterAll(() => app.close());

describe('plain WebSocket with the session cookie', () => {
  test.each([
    ['PUBLIC_BASE_URL', () => app.config.publicBaseUrl],
    ['the host the request was sent to', () => app.url],
  ])('when the page is of the deployment (Origin is %s), then the cookie signs the socket in', async (_, origin) => {
    const heard = connect(`/ws/tasks/${owner.userId}/`, { Origin: origin(), Cookie: cookie });
    expect(await heard.log.waitFor((m) => m.type === 'connection_established', 'connection_established')).toEqual(
      expect.objectContaining({ type: 'connection_established', user_id: owner.userId }),
    );
  });

  test('when the page is of another site, or no Origin is sent, then the cookie is not read: 4401', async () => {
    expect((await connect(`/ws/tasks/${owner.userId}/`, { Origin: EVIL, Cookie: cookie }).closed).code).toBe(4401);
    expect((await connect(`/ws/tasks/${owner.userId}/`, { Cookie: cookie }).closed).code).toBe(4401);
  });

  test('when the cookie is not a live session, then 4401; when ?token= is given cross-origin, then it still works', async () => {
    expect((await connect(`/ws/tasks/${owner.userId}/`, { Origin: app.url, Cookie: 'sessionid=not-a-session' }).closed).code).toBe(4401);
    const heard = connect(`/ws/tasks/${owner.userId}/?token=${owner.token}`, { Origin: EVIL });
    expect(await heard.log.waitFor((m) => m.type === 'connection_established', 'connection_established')).toEqual(expect.objectContaining({ user_id: owner.userId }));
  });
});

describe('Socket.IO with the session cookie', () => {
  const socketIo = (headers: Record<string, string>) => connectSocketIo(app, { transports: ['websocket'], extraHeaders: headers });

  test('when the page is of the deployment, then the cookie signs the socket in', async () => {
    const { socket, log } = await socketIo({ Origin: app.config.publicBaseUrl, Cookie: cookie });
    try {
      expect((await log.waitFor((m) => m.event === 'connection_established', 'connection_established')).data).toEqual(expect.objectContaining({ user_id: owner.userId }));
    } finally {
      socket.close();
    }
  });

  test('when the page is of another site, then the cookie is not read and the handshake is refused', async () => {
    await expect(socketIo({ Origin: EVIL, Cookie: cookie })).rejects.toThrow('Authentication credentials were not provided.');
  });
});
