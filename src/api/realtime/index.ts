import type http from 'node:http';
import type { ApiDeps } from '../deps.js';
import { TaskEventListener } from './task-event-listener.js';
import { createSocketIoGateway } from './socket-io-gateway.js';
import { createPlainWsGateway } from './plain-ws-gateway.js';
import { routeUpgrades } from './upgrade-router.js';

export interface Realtime {
  close(): Promise<void>;
}

/**
 * Socket.IO and plain WebSocket progress endpoints, fed by task events from PostgreSQL NOTIFY. Every
 * API replica listens for itself, so events reach sockets on any replica without a shared adapter.
 */
export async function attachRealtime(server: http.Server, deps: ApiDeps): Promise<Realtime> {
  // A dedicated connection with the pool's settings: the pool's own clients come and go.
  const listener = new TaskEventListener(deps.db.pool.options, deps.logger.child({ component: 'task-events' }));
  const socketIo = createSocketIoGateway(server, deps);
  const plainWs = createPlainWsGateway(deps);
  listener.onEvent((envelope) => socketIo.publish(envelope));
  listener.onEvent((envelope) => plainWs.publish(envelope));
  const stopRouting = routeUpgrades(server, { plainWs: plainWs.handleUpgrade, socketIoPath: '/socket.io/' });
  await listener.start();
  return {
    async close() {
      stopRouting();
      await listener.close();
      socketIo.close();
      plainWs.close();
    },
  };
}
