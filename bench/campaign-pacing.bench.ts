/**
 * Campaign pacing: a campaign of 700 recipients at `messages_per_second` = 10 through the simulated SMS
 * provider over HTTP (its own process, which stamps every accepted message). Over 60 s from the first
 * send (and, startup included, from the start request): how many arrived (target 600, goal ≥ 95 %), and
 * the most that arrived in any sliding one-second window (goal ≤ 10). Beside the latter, a naive loop in
 * this process posting on an exact 100 ms schedule, which shows how much this machine bunches arrivals.
 */
import os from 'node:os';
import { TwilioSmsProvider } from '../src/app/providers/sms-providers.js';
import { fullestWindow, maxInAnyWindow } from '../test/support/arrival-windows.js';
import type { BenchInfra } from './support/infra.js';
import { postJson } from './support/task-wait.js';
import { startSmsStack } from './support/sms-stack.js';
import { reportFigure } from './support/report.js';

const RATE = 10;
const SECONDS = 60;
const RECIPIENTS = 700;
const FLOOR_SECONDS = 10;

export async function run(infra: BenchInfra) {
  const log = infra.log;
  log(`\n== campaign-pacing: ${RECIPIENTS} recipients at ${RATE} messages/s for ${SECONDS} s through the simulated SMS provider over HTTP`);
  const { sms, twilioEnv, worker, api, stop } = await startSmsStack(infra, 'campaign-pacing');
  try {
    const floorMax = await pacedBareLoop(sms.url, twilioEnv);
    await sms.clear();

    const account = await infra.account();
    await infra.pool.query(`update tenants set settings = settings || $2::jsonb where id = $1`, [account.tenantId, JSON.stringify({ messages_per_second: RATE })]);
    await infra.pool.query(
      `insert into contacts (tenant_id, first_name, last_name, phone_e164, is_opted_in, opt_in_at)
       select $1, 'Pacing', i::text, '+1' || (2123000000 + i)::text, true, now() from generate_series(1, $2::int) as i`,
      [account.tenantId, RECIPIENTS],
    );
    const created = await postJson(`${api.url}/api/messaging/campaigns/`, account.apiKey, { name: 'Pacing', message_text: 'Pacing bench message', target_criteria: { opt_in_status: 'opted_in' } });
    if (created.status !== 201) throw new Error(`create: HTTP ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.data.id;
    const startedAt = Date.now();
    const start = await postJson(`${api.url}/api/messaging/campaigns/${id}/start/`, account.apiKey, {});
    if (start.status !== 200) throw new Error(`start: HTTP ${start.status} ${JSON.stringify(start.body)}`);
    await new Promise((r) => setTimeout(r, SECONDS * 1000 + 2000));
    const load = os.loadavg()[0];
    await postJson(`${api.url}/api/messaging/campaigns/${id}/cancel/`, account.apiKey, {});

    const all = await arrivalTimes(sms.url);
    const target = RATE * SECONDS;
    const fromStart = all.filter((t) => t >= startedAt && t < startedAt + SECONDS * 1000);
    const first = Math.min(...all);
    const fromFirst = all.filter((t) => t < first + SECONDS * 1000);
    const most = maxInAnyWindow(fromStart);
    log(`  fullest second: arrivals at +${fullestWindow(fromStart).join(', +')} ms`);
    log(`  first arrival ${((first - startedAt) / 1000).toFixed(2)} s after the start request`);
    const atLeast = 0.95 * target;
    reportFigure({ name: 'campaign-pacing received in 60 s from the first send', figure: fromFirst.length, unit: 'messages', floor: target, floorLabel: `${target} sent at the rate`, goal: { value: atLeast }, higherIsBetter: true });
    reportFigure({ name: 'campaign-pacing received in 60 s from the start request', figure: fromStart.length, unit: 'messages', floor: target, floorLabel: `${target} sent at the rate`, goal: { value: atLeast }, higherIsBetter: true });
    reportFigure({ name: 'campaign-pacing most in any 1 s', figure: most, unit: 'messages', floor: RATE, floorLabel: `the rate (a naive paced loop here: ${floorMax})`, goal: { value: RATE } });
    return { received: fromFirst.length, receivedFromStart: fromStart.length, target, maxInOneSecond: most, floorMax, load };
  } finally {
    await stop();
  }
}

/** The floor: sends on an exact schedule of 1/RATE s from this process, and the most that arrived in any second. */
async function pacedBareLoop(url: string, env: Record<string, string>): Promise<number> {
  const provider = new TwilioSmsProvider({ accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiBaseUrl: url, messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID });
  const t0 = Date.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < RATE * FLOOR_SECONDS; i++) {
    await new Promise((r) => setTimeout(r, Math.max(0, t0 + (i * 1000) / RATE - Date.now())));
    sends.push(provider.send({ to: `+1${2124000000 + i}`, body: 'Pacing floor message', statusCallbackUrl: `https://bench.test/cb?recipient_id=${i}&sig=x` }));
  }
  await Promise.all(sends);
  return maxInAnyWindow(await arrivalTimes(url));
}

async function arrivalTimes(url: string): Promise<number[]> {
  const body = (await (await fetch(`${url}/log`)).json()) as { messages: { acceptedAt: string }[] };
  return body.messages.map((m) => Date.parse(m.acceptedAt));
}


