import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ApiDeps } from '../deps.js';
import type { Principal } from '../../domain/identity/principal.js';
import type { TaskEventEnvelope } from '../../domain/tasks/task-events.js';
import { authenticateSocket, handshakeCredential } from './socket-credentials.js';
import { sessionCookieOnUpgrade } from './session-on-upgrade.js';
import { taskRoom, tenantRoom, tenantUserRoom, userRoom } from './task-rooms.js';
import { connectionEstablished } from './connection-established.js';
import { handleTaskSubscriptions } from './task-subscriptions.js';

export interface SocketData {
  principal: Principal;
}

export interface SocketIoGateway {
  publish(envelope: TaskEventEnvelope): void;
  close(): void;
}

/**
 * Socket.IO at /socket.io/ on the API's server. Each socket is authenticated at the handshake, sits in
 * its user and tenant rooms, and may join task rooms of its tenant. Upgrades for other paths are left
 * alone (`destroyUpgrade: false`): the plain WebSocket endpoints share the server.
 */
export function createSocketIoGateway(server: http.Server, deps: Pick<ApiDeps, 'authenticator' | 'db' | 'temporal' | 'logger' | 'config'>): SocketIoGateway {
  const origins = deps.config.corsOrigins;
  const io = new Server(server, {
    path: '/socket.io/',
    serveClient: false,
    destroyUpgrade: false,
    // The long-polling transport is plain HTTP: the same CORS_ORIGINS as the REST API, without credentials.
    ...(origins.length ? { cors: { origin: origins.includes('*') ? '*' : origins, credentials: false } } : {}),
  });
  const log = deps.logger.child({ component: 'socket.io' });

  io.use((socket, next) => {
    const { auth, query, headers } = socket.handshake;
    const credential = handshakeCredential({
      authToken: (auth as { token?: unknown } | undefined)?.token,
      queryToken: query.token,
      authorization: headers.authorization,
      apiKeyHeader: headers['x-api-key'] as string | undefined,
      sessionCookie: sessionCookieOnUpgrade(headers, deps.config.publicBaseUrl),
    });
    const tenantId = (auth as { tenant_id?: unknown } | undefined)?.tenant_id ?? query.tenant_id ?? headers['x-tenant-id'];
    authenticateSocket(deps.authenticator, credential, tenantId).then(
      (result) => {
        if ('refused' in result) return next(Object.assign(new Error(result.refused), { data: { code: result.code } }));
        (socket.data as SocketData).principal = result.principal;
        next();
      },
      (err: Error) => {
        log.error({ err }, 'socket authentication failed');
        next(new Error('Authentication is unavailable.'));
      },
    );
  });

  io.on('connection', (socket: Socket) => {
    const { principal } = socket.data as SocketData;
    void socket.join([userRoom(principal.userId), tenantRoom(principal.tenantId), tenantUserRoom(principal.tenantId, principal.userId)]);
    handleTaskSubscriptions(socket, principal, deps);
    socket.emit('connection_established', connectionEstablished(principal));
  });

  return {
    publish(envelope) {
      const rooms = io.to([tenantUserRoom(envelope.tenantId, envelope.userId), taskRoom(envelope.taskId)]);
      rooms.emit(envelope.event.type, envelope.event);
      rooms.emit('message', envelope.event);
    },
    close() {
      // io.close() would also close the HTTP server and wait for it; the API closes that itself.
      io.local.disconnectSockets(true);
      io.engine.close();
    },
  };
}
