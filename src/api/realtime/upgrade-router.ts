import type http from 'node:http';
import type { Duplex } from 'node:stream';

type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Sends /ws/ upgrades to the plain WebSocket gateway and refuses upgrades for paths nobody serves.
 * Socket.IO's engine listens on the same event for its own path and is left to it.
 */
export function routeUpgrades(server: http.Server, routes: { plainWs: UpgradeHandler; socketIoPath: string }): () => void {
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith(routes.socketIoPath)) return;
    if (path.startsWith('/ws/')) return routes.plainWs(req, socket, head);
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  server.on('upgrade', onUpgrade);
  return () => server.off('upgrade', onUpgrade);
}
