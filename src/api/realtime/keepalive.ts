import type { WebSocket, WebSocketServer } from 'ws';

const alive = new WeakSet<WebSocket>();

/**
 * Pings every client each interval and drops the ones that did not answer the previous ping, so
 * half-open connections (a laptop lid closed, a proxy that forgot us) do not pile up.
 */
export function startKeepalive(wss: WebSocketServer, intervalMs = 30_000): () => void {
  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
  });
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
