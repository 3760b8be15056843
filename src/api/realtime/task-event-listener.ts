import pg from 'pg';
import type { Logger } from '../../logger.js';
import { TASK_EVENTS_CHANNEL, type TaskEventEnvelope } from '../../domain/tasks/task-events.js';
import { parseTaskEventEnvelope } from './task-event-envelope.js';

export type TaskEventHandler = (envelope: TaskEventEnvelope) => void;

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 10_000;

/**
 * One dedicated PostgreSQL connection that LISTENs for task events and hands each to every handler.
 * A pooled client would be recycled and lose its LISTEN, so this one lives outside the pool and is
 * re-opened with growing, jittered delays whenever it drops. Events committed while it is down are
 * not replayed: clients catch up from the task row (REST progress endpoints).
 */
export class TaskEventListener {
  private readonly handlers = new Set<TaskEventHandler>();
  private client: pg.Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private listening: Promise<void> | null = null;

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly logger: Logger,
  ) {}

  onEvent(handler: TaskEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Resolves once the first LISTEN is in place, or after the first failure (retries continue in the background). */
  start(): Promise<void> {
    this.listening ??= this.connect();
    return this.listening;
  }

  /** The server process id of the listening connection, while there is one. */
  get backendPid(): number | undefined {
    return (this.client as (pg.Client & { processID?: number }) | null)?.processID;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ ...this.connection, application_name: 'switchboard-task-events' });
    client.on('notification', (msg) => {
      if (msg.channel === TASK_EVENTS_CHANNEL) this.dispatch(msg.payload);
    });
    client.on('error', (err) => this.dropped(client, err));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`listen ${TASK_EVENTS_CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      if (this.failures) this.logger.info({ afterFailures: this.failures }, 'task event listener reconnected');
      this.failures = 0;
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.dropped(client, err as Error);
    }
  }

  private dropped(client: pg.Client, err?: Error) {
    if (this.closed || client.listenerCount('notification') === 0) return;
    client.removeAllListeners('notification');
    client.on('error', () => undefined); // a late socket error after the drop must not crash the process
    if (this.client === client) this.client = null;
    this.failures += 1;
    const delay = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1)) * (0.5 + Math.random() / 2);
    this.logger.warn({ err, retryInMs: Math.round(delay), failures: this.failures }, 'task event listener lost its connection');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private dispatch(payload: string | undefined) {
    const envelope = parseTaskEventEnvelope(payload);
    if (!envelope) {
      this.logger.warn({ payload: payload?.slice(0, 200) }, 'ignored a malformed task event');
      return;
    }
    for (const handler of this.handlers) {
      try {
        handler(envelope);
      } catch (err) {
        this.logger.error({ err, taskId: envelope.taskId }, 'a task event handler failed');
      }
    }
  }
}
