/**
 * A campaign to 100,000 recipients through the simulated SMS provider over HTTP (the real Twilio adapter,
 * throttling off), end to end — start request, ledger build, every send recorded — beside a bare loop
 * that posts the same 100,000 messages to the same provider in the same run with the same adapter and
 * concurrency. Target: the campaign within 1.5× the bare loop's time.
 */
import { TwilioSmsProvider } from '../src/app/providers/sms-providers.js';
import type { BenchInfra } from './support/infra.js';
import { reportFigure } from './support/report.js';
import { sampleRss } from './support/rss.js';
import { postJson } from './support/task-wait.js';
import { startSmsStack } from './support/sms-stack.js';

export interface CampaignBenchOptions {
  recipients?: number;
  /** In-flight sends of the bare loop; the campaign's own window is 64. */
  concurrency?: number;
}

export async function run(infra: BenchInfra, opts: CampaignBenchOptions = {}) {
  const recipients = opts.recipients ?? (process.env.BENCH_CAMPAIGN_RECIPIENTS ? Number(process.env.BENCH_CAMPAIGN_RECIPIENTS) : 100_000);
  const concurrency = opts.concurrency ?? 64;
  const log = infra.log;
  log(`\n== campaign: ${recipients.toLocaleString()} recipients through the simulated SMS provider over HTTP, throttling off`);

  const { sms, twilioEnv, worker, api, stop } = await startSmsStack(infra, 'campaign');
  try {
    const account = await infra.account();
    await infra.pool.query(`update tenants set settings = settings || '{"messages_per_second": 0}' where id = $1`, [account.tenantId]);
    await seedContacts(infra, account.tenantId, recipients);

    const bare = await bareLoop(sms.url, twilioEnv, recipients, concurrency);
    const bareCheck = await sms.accepted();
    log(`bare loop (adapter.send × ${recipients.toLocaleString()}, ${concurrency} in flight): ${rate(recipients, bare)} messages/s (${bareCheck.count.toLocaleString()} accepted)`);
    await sms.clear();

    const rss = sampleRss(worker.pid);
    const started = performance.now();
    const created = await postJson(`${api.url}/api/messaging/campaigns/`, account.apiKey, { name: 'Bench', message_text: 'Bench campaign message', target_criteria: { opt_in_status: 'opted_in' } });
    if (created.status !== 201) throw new Error(`create: HTTP ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.data.id;
    const start = await postJson(`${api.url}/api/messaging/campaigns/${id}/start/`, account.apiKey, {});
    if (start.status !== 200) throw new Error(`start: HTTP ${start.status} ${JSON.stringify(start.body)}`);
    const row = await waitForCompletion(infra, id);
    const seconds = (performance.now() - started) / 1000;
    const peak = rss.stop();
    const check = await sms.accepted();
    if (row.sent_count !== recipients || check.count !== recipients || check.distinctTo !== recipients) {
      throw new Error(`expected ${recipients} sent once each; campaign says ${row.sent_count}, provider accepted ${check.count} to ${check.distinctTo} numbers`);
    }
    const sending = (row.completed_at.getTime() - row.materialized_at.getTime()) / 1000;
    log(`${recipients.toLocaleString()} sent and recorded, ${rate(recipients, seconds)} messages/s end to end; ledger build ${((row.materialized_at.getTime() - row.started_at.getTime()) / 1000).toFixed(2)} s`);
    const floorLabel = `bare adapter.send loop, ${concurrency} in flight`;
    reportFigure({ name: 'campaign end to end', figure: seconds, unit: 's', floor: bare, floorLabel, goal: { ratio: 1.5 } });
    reportFigure({ name: 'campaign sending phase', figure: sending, unit: 's', floor: bare, floorLabel, goal: { ratio: 1.5 } });
    reportFigure({ name: 'campaign worker peak RSS', figure: peak, unit: 'MB', goal: { value: 512 } });
    return { recipients, bareSeconds: bare, seconds, sendingSeconds: sending, ratio: seconds / bare, peakRssMb: peak };
  } finally {
    await stop();
  }
}

/** The settings the infra's own worker runs with, so this bench's worker reaches the same database and Temporal. */
async function seedContacts(infra: BenchInfra, tenantId: number, count: number) {
  await infra.pool.query(
    `insert into contacts (tenant_id, first_name, last_name, phone_e164, is_opted_in, opt_in_at)
     select $1, 'Bench', i::text, '+1' || (2122000000 + i)::text, true, now() from generate_series(1, $2::int) as i`,
    [tenantId, count],
  );
  await infra.pool.query('analyze contacts');
}

async function bareLoop(url: string, env: Record<string, string>, count: number, concurrency: number): Promise<number> {
  const provider = new TwilioSmsProvider({ accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiBaseUrl: url, messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID });
  let next = 1;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i <= count; i = next++) {
        await provider.send({ to: `+1${2122000000 + i}`, body: 'Bench campaign message', statusCallbackUrl: `https://bench.test/cb?recipient_id=${i}&sig=x` });
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

async function waitForCompletion(infra: BenchInfra, id: number) {
  for (;;) {
    const { rows } = await infra.pool.query(
      `select c.status, c.sent_count, c.started_at, c.completed_at, r.materialized_at from campaigns c left join campaign_runs r on r.campaign_id = c.id where c.id = $1`,
      [id],
    );
    const row = rows[0];
    if (row.status === 'completed') return row as { sent_count: number; started_at: Date; completed_at: Date; materialized_at: Date };
    if (['failed', 'cancelled'].includes(row.status)) throw new Error(`campaign ended ${row.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const rate = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString();
