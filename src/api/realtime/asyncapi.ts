import { z } from 'zod';
import * as m from './realtime.schemas.js';

type Message = { name: string; title: string; summary: string; schema: z.ZodType };

const TASK_EVENTS: Message[] = [
  { name: 'task_started', title: 'Task started', summary: 'A task’s workflow began its work', schema: m.taskStarted },
  { name: 'task_progress', title: 'Task progress', summary: 'Progress as committed by the task’s activities', schema: m.taskProgress },
  { name: 'task_completed', title: 'Task completed', summary: 'The task finished; result_data is its result', schema: m.taskCompleted },
  { name: 'task_failed', title: 'Task failed', summary: 'The task failed; error_message says why', schema: m.taskFailed },
  { name: 'task_cancelled', title: 'Task cancelled', summary: 'The task was cancelled; result_data is what it did before', schema: m.taskCancelled },
];
const CONNECTED: Message = { name: 'connection_established', title: 'Connected', summary: 'First message after a successful handshake', schema: m.connectionEstablished };
const PLAIN_ONLY: Message[] = [
  { name: 'ping', title: 'Application ping', summary: 'Optional keep-warm message; the server answers pong (protocol pings are sent every 30 s)', schema: m.ping },
  { name: 'pong', title: 'Application pong', summary: 'The answer to ping', schema: m.pong },
];
const SOCKET_IO_ONLY: Message[] = [
  { name: 'subscribe', title: 'Subscribe to a task', summary: 'Join one task’s room (tasks of the socket’s tenant only)', schema: m.subscribe },
  { name: 'unsubscribe', title: 'Unsubscribe from a task', summary: 'Leave one task’s room', schema: m.subscribe },
  { name: 'subscribed', title: 'Subscribed', summary: 'Answer to subscribe', schema: m.subscribed },
  { name: 'unsubscribed', title: 'Unsubscribed', summary: 'Answer to unsubscribe', schema: m.unsubscribed },
  { name: 'subscription_error', title: 'Subscription refused', summary: 'Answer to subscribe for a missing id or a task not in the tenant', schema: m.subscriptionError },
];

const key = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
  return rest;
};
const messageRefs = (list: Message[]) => Object.fromEntries(list.map((msg) => [key(msg.name), { $ref: `#/components/messages/${key(msg.name)}` }]));
const operationMessages = (channel: string, list: Message[]) => list.map((msg) => ({ $ref: `#/channels/${channel}/messages/${key(msg.name)}` }));

const PLAIN_BINDINGS = {
  ws: {
    query: {
      type: 'object',
      properties: {
        token: { type: 'string', description: 'A JWT or an API key (bare, or "Bearer …" / "Token …"); Authorization or X-API-Key headers work too' },
        tenant_id: { type: 'string', description: 'Another tenant of the caller (as X-Tenant-ID)' },
      },
    },
  },
};

/**
 * AsyncAPI 3.0 for the realtime side: seed 000's plain WebSockets and the Socket.IO gateway. Both carry
 * the same task events, heard only by the user who started the task (and, on Socket.IO, anyone of the
 * tenant who subscribed to the task).
 */
export function asyncApiDocument(publicBaseUrl: string): Record<string, unknown> {
  const url = new URL(publicBaseUrl);
  const protocol = url.protocol === 'https:' ? 'wss' : 'ws';
  const all = [CONNECTED, ...TASK_EVENTS, ...PLAIN_ONLY, ...SOCKET_IO_ONLY];
  const plainChannel = (address: string, description: string) => ({
    address,
    description,
    servers: [{ $ref: '#/servers/websocket' }],
    parameters: { user_id: { description: 'The caller’s own user id (another is refused with close code 4403)' } },
    messages: messageRefs([CONNECTED, ...TASK_EVENTS, ...PLAIN_ONLY]),
    bindings: PLAIN_BINDINGS,
  });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Switchboard realtime',
      version: '0.1.0',
      description: [
        'Task progress as it is committed (PostgreSQL NOTIFY from the statement that changed the task, so every API replica hears it).',
        'Plain WebSockets (seed 000): the handshake is always accepted; a refusal arrives as a close code: 4401 without a valid credential, 4403 for another user’s id or a tenant the caller is not in, 4404 for an unknown /ws/ path. Cookies are not read.',
        'Socket.IO (path /socket.io/): credentials in `auth.token` (or ?token=, Authorization, X-API-Key), tenant in `auth.tenant_id`; a refusal is a connect_error whose data.code is UNAUTHENTICATED or FORBIDDEN. Each task event is emitted under its own name (task_progress …) and again as `message`.',
      ].join('\n\n'),
    },
    servers: {
      websocket: { host: url.host, protocol, description: 'The API server itself' },
      socketio: { host: url.host, protocol, pathname: '/socket.io/', description: 'Socket.IO v4 (Engine.IO 4) on the API server' },
    },
    channels: {
      tasks: plainChannel('/ws/tasks/{user_id}/', 'Every task of the caller in their tenant (generation, validation, imports, broadcasts …)'),
      phoneGeneration: plainChannel('/ws/phone-generation/{user_id}/', 'Phone generation and validation tasks of the caller'),
      socketIo: {
        address: '/socket.io/',
        description: 'The socket sits in its user and tenant rooms and hears its own tasks; `subscribe` adds one task of the tenant.',
        servers: [{ $ref: '#/servers/socketio' }],
        messages: messageRefs([CONNECTED, ...TASK_EVENTS, ...SOCKET_IO_ONLY]),
      },
    },
    operations: {
      receiveTaskEvents: { action: 'receive', channel: { $ref: '#/channels/tasks' }, messages: operationMessages('tasks', [CONNECTED, ...TASK_EVENTS]) },
      receivePhoneTaskEvents: { action: 'receive', channel: { $ref: '#/channels/phoneGeneration' }, messages: operationMessages('phoneGeneration', [CONNECTED, ...TASK_EVENTS]) },
      sendPing: { action: 'send', channel: { $ref: '#/channels/tasks' }, messages: operationMessages('tasks', PLAIN_ONLY.slice(0, 1)), reply: { messages: operationMessages('tasks', PLAIN_ONLY.slice(1)) } },
      receiveSocketTaskEvents: { action: 'receive', channel: { $ref: '#/channels/socketIo' }, messages: operationMessages('socketIo', [CONNECTED, ...TASK_EVENTS]) },
      subscribeToTask: {
        action: 'send',
        channel: { $ref: '#/channels/socketIo' },
        messages: operationMessages('socketIo', SOCKET_IO_ONLY.slice(0, 1)),
        reply: { messages: operationMessages('socketIo', [SOCKET_IO_ONLY[2], SOCKET_IO_ONLY[4]]) },
      },
      unsubscribeFromTask: {
        action: 'send',
        channel: { $ref: '#/channels/socketIo' },
        messages: operationMessages('socketIo', SOCKET_IO_ONLY.slice(1, 2)),
        reply: { messages: operationMessages('socketIo', [SOCKET_IO_ONLY[3]]) },
      },
    },
    components: {
      messages: Object.fromEntries(all.map((msg) => [key(msg.name), { name: msg.name, title: msg.title, summary: msg.summary, contentType: 'application/json', payload: jsonSchema(msg.schema) }])),
    },
  };
}
