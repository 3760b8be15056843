import http from 'node:http';
import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { countSegments } from '../../domain/messaging/sms-segments.js';
import { postStatusCallback } from '../../domain/messaging/providers/status-callback-post.js';
import { DEFAULT_BEHAVIOUR, mergeBehaviour, SecondWindow, type SimulatedBehaviour } from './behaviour.js';
import { CallbackQueue } from './callback-queue.js';
import { accountResource, errorResource, incomingNumbersPage, messageResource, type StoredMessage } from './twilio-shapes.js';
import { simulatedAccountHolds } from '../../domain/messaging/providers/simulated-sms-provider.js';

export interface SimulatedSmsServerOptions extends Partial<SimulatedBehaviour> {
  port?: number;
  host?: string;
  /** Basic-auth password clients must send, and the key that signs callbacks (Twilio's auth token). */
  authToken: string;
  /** When set, only this account SID is accepted. */
  accountSid?: string;
  /** Where callbacks are actually posted (origin only); they stay signed over the URL given at send. */
  callbackBaseUrl?: string;
  /** Appends each accepted message as one JSON line. */
  logFile?: string;
  random?: () => number;
}

export interface AcceptedMessage {
  sid: string;
  to: string;
  from: string | null;
  body: string;
  status: string;
  acceptedAt: string;
}

export interface SimulatedSmsServer {
  url: string;
  port: number;
  /** Every message accepted, in order (also at GET /log). */
  log(): AcceptedMessage[];
  stats(): Record<string, number>;
  configure(update: Partial<SimulatedBehaviour>): SimulatedBehaviour;
  /** Where callbacks go from now on (the API's real origin, e.g. a test app on a free port). */
  deliverCallbacksTo(baseUrl: string | undefined): void;
  reset(): void;
  /** Resolves once queued delivery callbacks have all been attempted. */
  callbacksIdle(): Promise<void>;
  close(): Promise<void>;
}

const ACCOUNT_PATH = /^\/2010-04-01\/Accounts\/(AC\w+)(\.json|\/Balance\.json|\/IncomingPhoneNumbers\.json|\/Messages\.json|\/Messages\/(SM\w+)\.json)$/;

/**
 * A small HTTP server that speaks Twilio's Messages, Balance, Account and IncomingPhoneNumbers resources (its
 * account holds the same 555-01XX fiction numbers as the in-process simulated provider), for benchmarks and
 * reliability tests: point the real Twilio adapter at it with TWILIO_API_BASE_URL. It adds latency,
 * refuses or throttles a share of sends, can lose the answer to an accepted send, keeps its own log of
 * accepted messages, and posts signed delivery callbacks.
 */
export async function startSimulatedSmsServer(opts: SimulatedSmsServerOptions): Promise<SimulatedSmsServer> {
  const { port = 0, host = '127.0.0.1', authToken, accountSid, callbackBaseUrl: initialCallbackBase, logFile, random = Math.random, ...knobs } = opts;
  let callbackBaseUrl = initialCallbackBase;
  let behaviour = mergeBehaviour(DEFAULT_BEHAVIOUR, knobs as Record<string, unknown>);
  const messages: StoredMessage[] = [];
  const bySid = new Map<string, StoredMessage>();
  const window = new SecondWindow();
  const callbacks = new CallbackQueue();
  const counters = { requests: 0, accepted: 0, throttled: 0, failed: 0, lost_responses: 0, refused: 0 };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      handle(req, raw)
        .then(({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        })
        .catch((err: Error) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify(errorResource(500, 20500, err.message)));
        });
    });
  });

  type Answer = { status: number; body: unknown };

  async function handle(req: http.IncomingMessage, raw: string): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://simulated');
    if (url.pathname === '/log' && req.method === 'GET') {
      const to = url.searchParams.get('to');
      const list = acceptedLog().filter((m) => !to || m.to === to);
      return { status: 200, body: { count: list.length, messages: list } };
    }
    if (url.pathname === '/log' && req.method === 'DELETE') {
      reset();
      return { status: 200, body: { count: 0 } };
    }
    if (url.pathname === '/stats') return { status: 200, body: stats() };
    if (url.pathname === '/config') {
      if (req.method === 'POST') behaviour = mergeBehaviour(behaviour, JSON.parse(raw || '{}'));
      return { status: 200, body: behaviour };
    }
    const match = ACCOUNT_PATH.exec(url.pathname);
    if (!match) return { status: 404, body: errorResource(404, 20404, 'The requested resource was not found') };
    if (!authorised(req, match[1])) return { status: 401, body: errorResource(401, 20003, 'Authenticate') };
    counters.requests++;
    await sleep(behaviour.latencyMs + random() * behaviour.latencyJitterMs);
    const [, sid, resource, messageSid] = match;
    if (resource === '.json') return { status: 200, body: accountResource(sid) };
    if (resource === '/Balance.json') return { status: 200, body: { account_sid: sid, balance: '1000.00', currency: 'USD' } };
    if (resource === '/IncomingPhoneNumbers.json') {
      const wanted = url.searchParams.get('PhoneNumber') ?? '';
      return { status: 200, body: incomingNumbersPage(sid, simulatedAccountHolds(wanted) ? [wanted] : []) };
    }
    if (messageSid) {
      const m = bySid.get(messageSid);
      return m ? { status: 200, body: messageResource(m) } : { status: 404, body: errorResource(404, 20404, `Message ${messageSid} not found`) };
    }
    if (req.method === 'GET') return { status: 200, body: listPage(sid, url) };
    if (req.method === 'POST') return send(sid, new URLSearchParams(raw));
    return { status: 405, body: errorResource(405, 20004, 'Method not allowed') };
  }

  function authorised(req: http.IncomingMessage, sid: string) {
    if (accountSid && sid !== accountSid) return false;
    const header = req.headers.authorization ?? '';
    const [user, pass] = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString().split(':');
    return user === sid && pass === authToken;
  }

  function send(sid: string, form: URLSearchParams): Answer {
    const to = form.get('To') ?? '';
    const body = form.get('Body') ?? '';
    const from = form.get('From');
    const service = form.get('MessagingServiceSid');
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return refuse(21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!body) return refuse(21602, 'Message body is required.');
    if (!from && !service) return refuse(21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
    if (!window.admit(behaviour.maxPerSecond) || random() < behaviour.throttleRate) {
      counters.throttled++;
      return { status: 429, body: errorResource(429, 20429, 'Too Many Requests') };
    }
    if (random() < behaviour.failureRate) {
      counters.failed++;
      return { status: 500, body: errorResource(500, 20500, 'Internal Server Error') };
    }
    const now = new Date();
    const message: StoredMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid: sid,
      to,
      from,
      messagingServiceSid: service,
      body,
      status: service && !from ? 'accepted' : 'queued',
      statusCallback: form.get('StatusCallback'),
      segments: Math.max(1, countSegments(body).segments),
      dateCreated: now,
      dateSent: null,
      dateUpdated: now,
      errorCode: null,
    };
    messages.push(message);
    bySid.set(message.sid, message);
    counters.accepted++;
    if (logFile) appendFileSync(logFile, JSON.stringify(logEntry(message)) + '\n');
    scheduleCallbacks(message);
    if (random() < behaviour.lostResponseRate) {
      counters.lost_responses++;
      return { status: 500, body: errorResource(500, 20500, 'Internal Server Error') };
    }
    return { status: 201, body: messageResource(message) };
  }

  function refuse(code: number, message: string): Answer {
    counters.refused++;
    return { status: 400, body: errorResource(400, code, message) };
  }

  function scheduleCallbacks(m: StoredMessage) {
    const finalStatus = random() < behaviour.undeliveredRate ? 'undelivered' : 'delivered';
    const advance = (status: string) => {
      m.status = status;
      m.dateUpdated = new Date();
      if (status === 'sent') m.dateSent = m.dateUpdated;
      if (status === 'undelivered') m.errorCode = 30003;
      const url = m.statusCallback;
      if (!url || !behaviour.callbacks) return;
      callbacks.push(async () => {
        const answer = await postStatusCallback(url, authToken, { accountSid: m.accountSid, messageSid: m.sid, status, to: m.to, from: m.from ?? undefined, errorCode: m.errorCode ? String(m.errorCode) : undefined }, callbackBaseUrl);
        if (answer >= 300) throw new Error(`callback answered ${answer}`);
      });
    };
    const delay = behaviour.callbackDelayMs;
    setTimeout(() => advance('sent'), delay).unref();
    setTimeout(() => advance(finalStatus), delay * 2).unref();
  }

  function listPage(sid: string, url: URL) {
    const to = url.searchParams.get('To');
    const from = url.searchParams.get('From');
    const pageSize = Math.min(1000, Number(url.searchParams.get('PageSize') ?? 50) || 50);
    const page = Number(url.searchParams.get('Page') ?? 0) || 0;
    const matching = messages.filter((m) => (!to || m.to === to) && (!from || m.from === from)).reverse();
    const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
    const pageUri = (n: number) => `/2010-04-01/Accounts/${sid}/Messages.json?${new URLSearchParams({ ...(to ? { To: to } : {}), ...(from ? { From: from } : {}), PageSize: String(pageSize), Page: String(n) })}`;
    return {
      messages: slice.map(messageResource),
      page,
      page_size: pageSize,
      first_page_uri: pageUri(0),
      next_page_uri: (page + 1) * pageSize < matching.length ? pageUri(page + 1) : null,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      uri: pageUri(page),
      start: page * pageSize,
      end: page * pageSize + slice.length - 1,
    };
  }

  const logEntry = (m: StoredMessage): AcceptedMessage => ({ sid: m.sid, to: m.to, from: m.from, body: m.body, status: m.status, acceptedAt: m.dateCreated.toISOString() });
  const acceptedLog = () => messages.map(logEntry);
  const stats = () => ({ ...counters, callbacks_posted: callbacks.posted, callbacks_failed: callbacks.failed, callbacks_pending: callbacks.pending });
  function reset() {
    messages.length = 0;
    bySid.clear();
    for (const key of Object.keys(counters) as (keyof typeof counters)[]) counters[key] = 0;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    log: acceptedLog,
    stats,
    configure(update) {
      behaviour = mergeBehaviour(behaviour, update as Record<string, unknown>);
      return behaviour;
    },
    deliverCallbacksTo(baseUrl) {
      callbackBaseUrl = baseUrl;
    },
    reset,
    callbacksIdle: () => callbacks.idle(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
