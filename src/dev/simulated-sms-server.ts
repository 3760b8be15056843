/**
 * The simulated SMS provider as its own process, for benchmarks and reliability tests:
 *
 *   tsx src/dev/simulated-sms-server.ts --port 4010 --auth-token dev-token \
 *     --latency-ms 20 --failure-rate 0.01 --throttle-rate 0.02 --callback-base-url http://localhost:8000
 *
 * then run the API and worker with TWILIO_ACCOUNT_SID=<any AC… sid>, TWILIO_AUTH_TOKEN=<same token>,
 * TWILIO_API_BASE_URL=<printed URL>. GET /log lists accepted messages (?to=+1… filters), DELETE /log
 * clears it, GET /stats counts outcomes, POST /config changes the behaviour while it runs.
 * Every flag also reads from the environment as SIM_SMS_<FLAG> (e.g. SIM_SMS_FAILURE_RATE).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { startSimulatedSmsServer } from './simulated-sms/server.js';

export { startSimulatedSmsServer } from './simulated-sms/server.js';
export type { SimulatedSmsServer, SimulatedSmsServerOptions, AcceptedMessage } from './simulated-sms/server.js';

const FLAGS = {
  port: 'port',
  host: 'host',
  'auth-token': 'authToken',
  'account-sid': 'accountSid',
  'callback-base-url': 'callbackBaseUrl',
  'log-file': 'logFile',
  'latency-ms': 'latencyMs',
  'latency-jitter-ms': 'latencyJitterMs',
  'failure-rate': 'failureRate',
  'throttle-rate': 'throttleRate',
  'max-per-second': 'maxPerSecond',
  'lost-response-rate': 'lostResponseRate',
  'undelivered-rate': 'undeliveredRate',
  'callback-delay-ms': 'callbackDelayMs',
  callbacks: 'callbacks',
} as const;
const NUMERIC = new Set(['port', 'latencyMs', 'latencyJitterMs', 'failureRate', 'throttleRate', 'maxPerSecond', 'lostResponseRate', 'undeliveredRate', 'callbackDelayMs']);

async function main() {
  const { values } = parseArgs({ options: Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }])) });
  const opts: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(FLAGS)) {
    const raw = (values as Record<string, string | undefined>)[flag] ?? process.env[`SIM_SMS_${flag.toUpperCase().replace(/-/g, '_')}`];
    if (raw === undefined) continue;
    opts[key] = key === 'callbacks' ? raw === 'true' || raw === '1' : NUMERIC.has(key) ? Number(raw) : raw;
  }
  opts.authToken ??= 'simulated-auth-token';
  opts.port ??= 4010;
  const server = await startSimulatedSmsServer(opts as never);
  console.log(`simulated SMS provider on ${server.url}`);
  console.log(`  TWILIO_ACCOUNT_SID=${(opts.accountSid as string) ?? 'ACsimulated00000000000000000000000'} TWILIO_AUTH_TOKEN=${opts.authToken as string} TWILIO_API_BASE_URL=${server.url}`);
  console.log(`  accepted-message log: GET ${server.url}/log`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
