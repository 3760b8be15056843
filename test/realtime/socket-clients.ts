import { io, type Socket, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import WebSocket from 'ws';
import type { TestApp } from '../support/harness.js';
import { MessageLog } from './message-log.js';

export interface HeardSocket {
  socket: Socket;
  /** Every event by name, as `{ event, data }`. */
  log: MessageLog<{ event: string; data: any }>;
}

/** A Socket.IO client that records every event; resolves once connected, rejects with the connect error. */
export function connectSocketIo(app: TestApp, opts: Partial<ManagerOptions & SocketOptions> = {}): Promise<HeardSocket> {
  const socket = io(app.url, { reconnection: false, forceNew: true, timeout: 10_000, ...opts });
  const log = new MessageLog<{ event: string; data: any }>();
  socket.onAny((event: string, data: unknown) => log.push({ event, data }));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, log }));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export interface HeardWebSocket {
  ws: WebSocket;
  log: MessageLog;
  closed: Promise<{ code: number; reason: string }>;
}

/** A plain WebSocket client that records every JSON message and its close code. */
export function openWebSocket(app: TestApp, path: string, headers: Record<string, string> = {}): HeardWebSocket {
  const ws = new WebSocket(app.url.replace(/^http/, 'ws') + path, { headers });
  const log = new MessageLog();
  ws.on('message', (data) => log.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
    ws.on('error', () => undefined);
  });
  return { ws, log, closed };
}
