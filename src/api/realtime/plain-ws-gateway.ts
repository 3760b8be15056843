import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { ApiDeps } from '../deps.js';
import type { Principal } from '../../domain/identity/principal.js';
import type { TaskEventEnvelope } from '../../domain/tasks/task-events.js';
import { namesPrincipal } from '../routes/phone-generator/caller.js';
import { authenticateSocket, handshakeCredential } from './socket-credentials.js';
import { sessionCookieOnUpgrade } from './session-on-upgrade.js';
import { matchPlainWsRoute, streamCarries, type PlainWsStream } from './plain-ws-route.js';
import { connectionEstablished } from './connection-established.js';
import { startKeepalive } from './keepalive.js';

/** Close codes in the application range (4000-4999), mirroring HTTP 401/403/404. */
const WS_CLOSE = { unauthenticated: 4401, forbidden: 4403, notFound: 4404 } as const;

interface Listener {
  principal: Principal;
  stream: PlainWsStream;
}

export interface PlainWsGateway {
  /** Takes an HTTP upgrade under /ws/; always answers it, one way or the other. */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  publish(envelope: TaskEventEnvelope): void;
  close(): void;
}

/**
 * The seed 000 plain WebSocket endpoints, authenticated by `?token=`, Authorization, or the session cookie
 * of a page of this deployment (a browser cannot set headers on a WebSocket). The upgrade is always accepted so that browsers, which never
 * see an HTTP status, learn why through the close code: 4401 without a valid credential, 4403 when the
 * path's user_id is not the caller, 4404 for an unknown /ws/ path.
 */
export function createPlainWsGateway(deps: Pick<ApiDeps, 'authenticator' | 'logger' | 'config'>): PlainWsGateway {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const listeners = new Map<WebSocket, Listener>();
  const stopKeepalive = startKeepalive(wss);
  const log = deps.logger.child({ component: 'plain-ws' });

  const accept = (req: http.IncomingMessage, socket: Duplex, head: Buffer, then: (ws: WebSocket) => void) => {
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      wss.emit('connection', ws, req);
      then(ws);
    });
  };

  const open = (ws: WebSocket, listener: Listener) => {
    listeners.set(ws, listener);
    ws.on('close', () => listeners.delete(ws));
    ws.on('error', () => listeners.delete(ws));
    ws.on('message', (data) => {
      // Some clients keep the line warm with an application ping instead of protocol pings.
      if (isApplicationPing(String(data))) ws.send(JSON.stringify({ type: 'pong', timestamp: new Date().toISOString() }));
    });
    ws.send(JSON.stringify(connectionEstablished(listener.principal)));
  };

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', () => undefined);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = matchPlainWsRoute(url.pathname);
      if (!route) return accept(req, socket, head, (ws) => ws.close(WS_CLOSE.notFound, 'Unknown WebSocket path.'));
      const credential = handshakeCredential({
        queryToken: url.searchParams.get('token') ?? undefined,
        authorization: req.headers.authorization,
        apiKeyHeader: req.headers['x-api-key'] as string | undefined,
        sessionCookie: sessionCookieOnUpgrade(req.headers, deps.config.publicBaseUrl),
      });
      const tenantId = url.searchParams.get('tenant_id') ?? req.headers['x-tenant-id'];
      authenticateSocket(deps.authenticator, credential, tenantId).then(
        (result) =>
          accept(req, socket, head, (ws) => {
            if ('refused' in result) return ws.close(result.code === 'FORBIDDEN' ? WS_CLOSE.forbidden : WS_CLOSE.unauthenticated, result.refused);
            if (!namesPrincipal(result.principal, route.userId)) return ws.close(WS_CLOSE.forbidden, 'user_id does not belong to the authenticated user.');
            open(ws, { principal: result.principal, stream: route.stream });
          }),
        (err: Error) => {
          log.error({ err }, 'WebSocket authentication failed');
          socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        },
      );
    },

    publish(envelope) {
      if (!listeners.size) return;
      const text = JSON.stringify(envelope.event);
      for (const [ws, { principal, stream }] of listeners) {
        if (principal.tenantId !== envelope.tenantId || principal.userId !== envelope.userId) continue;
        if (!streamCarries(stream, envelope) || ws.readyState !== WebSocket.OPEN) continue;
        ws.send(text);
      }
    },

    close() {
      stopKeepalive();
      for (const ws of wss.clients) ws.terminate();
      listeners.clear();
      wss.close();
    },
  };
}

function isApplicationPing(text: string): boolean {
  try {
    return (JSON.parse(text) as { type?: unknown } | null)?.type === 'ping';
  } catch {
    return false;
  }
}
