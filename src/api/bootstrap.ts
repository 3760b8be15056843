import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { TemporalHandle } from '../temporal/client.js';
import type { Logger } from '../logger.js';
import { JwtIssuer } from '../domain/identity/jwt.js';
import { Authenticator } from '../app/identity/authenticator.js';
import { OutboxMailer } from '../app/identity/outbox-mailer.js';
import { resolveJwtSecret } from '../app/identity/jwt-secret.js';
import type { ApiDeps } from './deps.js';
import { createApp } from './app.js';
import { attachRealtime } from './realtime/index.js';
import { ApiLifecycle } from './http/lifecycle.js';

export interface RunningApi {
  url: string;
  port: number;
  deps: ApiDeps;
  server: http.Server;
  /**
   * Stops accepting connections, closes idle ones and the sockets, lets requests in flight finish
   * (SHUTDOWN_GRACE_SECONDS at most, then their connections are cut), and resolves when none is left.
   */
  close(): Promise<void>;
}

/** Builds the API's dependencies, the Koa app, Socket.IO and the plain WebSocket endpoints on one HTTP server. */
export async function startApi(opts: { config: Config; db: Database; temporal: TemporalHandle; logger: Logger; port?: number }): Promise<RunningApi> {
  const { config, db, temporal, logger } = opts;
  const jwt = new JwtIssuer(resolveJwtSecret({ secret: config.jwt.secret, dataDir: config.dataDir, env: config.env }), config.jwt.accessTtlSeconds);
  const deps: ApiDeps = { config, db, temporal, logger, jwt, authenticator: new Authenticator(db.pool, jwt), mailer: new OutboxMailer({ pool: db.pool, temporal: temporal.client, config, logger }), lifecycle: new ApiLifecycle() };
  const app = createApp(deps);
  const server = http.createServer(app.callback());
  server.requestTimeout = 0; // CSV downloads of a million rows stream for longer than the default
  const realtime = await attachRealtime(server, deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? config.port, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    deps,
    server,
    async close() {
      deps.lifecycle.beginDrain();
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cutOff = setTimeout(() => server.closeAllConnections(), config.shutdownGraceSeconds * 1000);
      await realtime.close();
      await drained;
      clearTimeout(cutOff);
    },
  };
}
