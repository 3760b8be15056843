import type pg from 'pg';
import type { SmsProvider } from '../../domain/messaging/sms-provider.js';
import { claimRecipients, type ClaimedRecipient, type RunControl } from '../../db/campaigns/ledger/recipient-claim.js';
import { readLedgerPage } from '../../db/campaigns/ledger/recipient-pages.js';
import { applyRecipientChanges } from '../../db/campaigns/ledger/recipient-changes.js';
import { reserveSendWindow } from '../../db/campaigns/ledger/send-window.js';
import { isQuietAt } from '../../domain/campaigns/quiet-hours.js';
import type { RecipientCallbacks } from '../../app/campaigns/recipient-callback.js';
import { loadBatchContext, type BatchContext } from './batch-context.js';
import { deliverOne } from './deliver-one.js';
import { SendGate, sleep } from './send-gate.js';
import { pacerFor, type DeparturePacer } from './departure-pacer.js';
import { emptyTally, render, settleOrphans, tally, toChange, type BatchTally } from './batch-outcomes.js';

export interface SendBatchInput {
  campaignId: number;
  tenantId: number;
  runId: number;
  /** Every row up to this ledger id has been looked at in this pass. */
  cursor: number;
}

export interface SendBatchResult extends BatchTally {
  cursor: number;
  /** The pass reached the end of the ledger. */
  endOfLedger: boolean;
  /** The run is no longer `running` (paused or cancelled); nothing more was claimed. */
  stoppedBy: RunControl | null;
  /** Wait this long before the next batch: the provider kept refusing (429/5xx) some messages. */
  backoffMs: number;
}

export interface SendBatchDeps {
  pool: pg.Pool;
  sms: SmsProvider;
  callbacks: RecipientCallbacks;
  /** Called after each chunk is recorded (progress reports). */
  onChunk?: () => Promise<void> | void;
  /** Aborted when the activity is cancelled (worker shutting down, heartbeat lost): claim nothing more. */
  signal?: AbortSignal;
}

const PAGE = 1000;
const CONCURRENCY = 64;
const CHUNK = 32;
const CHUNKS_IN_FLIGHT = 3;
const MAX_ATTEMPTS = 8;
/** A batch takes no new work after this long; it is one activity and heartbeats throughout. */
const BATCH_BUDGET_MS = 30_000;
/** With throttling on, a chunk spans about this long, so a pause or a new rate applies within it. */
const CHUNK_SPAN_MS = 500;
/** A chunk is claimed this long before its first slot, so the claim's round trip does not make it late. */
const CLAIM_LEAD_MS = 150;

/**
 * One batch of a campaign run: walks the ledger from `cursor`, settles rows a crashed attempt left
 * `sending`, holds recipients in quiet hours, and sends the rest in claimed chunks; a chunk is claimed
 * as soon as the send window has room for it, so claiming and recording overlap the provider's latency. It stops early when the run
 * is paused or cancelled (between chunks) or when the provider keeps refusing.
 */
export async function sendBatch(deps: SendBatchDeps, input: SendBatchInput): Promise<SendBatchResult> {
  const ctx = await loadBatchContext(deps.pool, input.runId, input.tenantId);
  const result: SendBatchResult = { ...emptyTally(), cursor: input.cursor, endOfLedger: false, stoppedBy: null, backoffMs: 0 };
  if (ctx.control !== 'running') return { ...result, stoppedBy: ctx.control };
  const walk = new LedgerWalk(deps, ctx, input, result);
  await walk.run();
  return result;
}

class LedgerWalk {
  private readonly started = Date.now();
  private readonly gate = new SendGate(CONCURRENCY);
  private readonly inFlight: Promise<void>[] = [];
  private readonly rate: number;
  private readonly pacer: DeparturePacer | null;
  private readonly chunkSize: number;
  private firstDeferred = Infinity;

  constructor(
    private readonly deps: SendBatchDeps,
    private readonly ctx: BatchContext,
    private readonly input: SendBatchInput,
    private readonly result: SendBatchResult,
  ) {
    this.rate = ctx.settings.messagesPerSecond;
    this.pacer = this.rate > 0 ? pacerFor(input.tenantId, this.rate) : null;
    this.chunkSize = this.rate > 0 ? Math.max(1, Math.min(CHUNK, Math.ceil((this.rate * CHUNK_SPAN_MS) / 1000))) : CHUNK;
  }

  async run(): Promise<void> {
    try {
      await this.walk();
    } finally {
      await Promise.all(this.inFlight);
    }
    const r = this.result;
    if (r.deferred > 0) {
      r.cursor = Math.min(r.cursor, this.firstDeferred - 1);
      r.endOfLedger = false;
      r.backoffMs = 2000;
    }
  }

  private get outOfTime() {
    return Date.now() - this.started > BATCH_BUDGET_MS;
  }

  private async walk(): Promise<void> {
    const r = this.result;
    while (!this.outOfTime && r.deferred === 0) {
      const page = await readLedgerPage(this.deps.pool, this.input.runId, r.cursor, PAGE);
      if (!page.length) {
        r.endOfLedger = true;
        return;
      }
      await settleOrphans(this.deps.pool, this.deps.sms, this.ctx, page.filter((row) => row.status === 'sending'), r);
      const now = new Date();
      const sendable: number[] = [];
      for (const row of page) {
        if (row.status !== 'pending') continue;
        if (isQuietAt(row.timeZone, now, this.ctx.settings.quietHours)) r.held++;
        else sendable.push(row.id);
      }
      for (let i = 0; i < sendable.length; ) {
        while (this.inFlight.length >= CHUNKS_IN_FLIGHT) await this.inFlight.shift();
        if (r.deferred > 0 || this.outOfTime || this.deps.signal?.aborted) {
          // Everything before this chunk is settled or held; the next batch starts here.
          r.cursor = sendable[i] - 1;
          return;
        }
        // A provider pushing back narrows the window, and the chunks shrink with it.
        const ids = sendable.slice(i, i + Math.min(this.chunkSize, this.gate.window));
        const stopped = await this.claimAndSend(ids);
        if (stopped) {
          r.stoppedBy = stopped;
          r.cursor = sendable[i] - 1;
          return;
        }
        i += ids.length;
      }
      r.cursor = page[page.length - 1].id;
    }
  }

  /** Claims one chunk and starts sending it; returns the run's control if it no longer runs. */
  private async claimAndSend(ids: number[]): Promise<RunControl | null> {
    await this.gate.roomFor(ids.length);
    const firstSlotAt = this.pacer ? await this.reserve(ids.length) : 0;
    if (this.pacer) await sleep(firstSlotAt - CLAIM_LEAD_MS - Date.now());
    const claim = await claimRecipients(this.deps.pool, this.input.runId, ids);
    this.result.skipped += claim.skipped;
    if (claim.control !== 'running') return claim.control;
    if (claim.claimed.length) this.inFlight.push(this.sendChunk(claim.claimed, firstSlotAt));
    return null;
  }

  /** Reserves `count` slots of the tenant's rate (shared by every worker); answers when the first one is, on this clock. */
  private async reserve(count: number): Promise<number> {
    const waitMs = await reserveSendWindow(this.deps.pool, this.input.tenantId, count, this.rate);
    return Date.now() + waitMs;
  }

  private async sendChunk(rows: ClaimedRecipient[], firstSlotAt: number): Promise<void> {
    const spacing = this.rate > 0 ? 1000 / this.rate : 0;
    const pacer = this.pacer;
    const outcomes = await Promise.all(
      rows.map(async (row, n) => {
        // A message the provider refused is sent again in a slot of its own, never in the time of another.
        const pace = pacer ? async (attempt: number) => pacer.depart(attempt === 1 ? firstSlotAt + n * spacing : await this.reserve(1)) : undefined;
        const body = render(this.ctx.messageText, row.contact);
        const request = { to: row.phone, from: this.ctx.from, body, statusCallbackUrl: this.deps.callbacks.url(row.id) };
        const outcome = await deliverOne(this.deps.sms, this.gate, request, { maxAttempts: MAX_ATTEMPTS, claimedAt: row.claimedAt, pace });
        return { row, body, outcome };
      }),
    );
    await applyRecipientChanges(this.deps.pool, outcomes.map(({ row, body, outcome }) => toChange(row.id, body, outcome, this.ctx)));
    for (const { row, outcome } of outcomes) {
      tally(this.result, outcome);
      if (outcome.kind === 'deferred') this.firstDeferred = Math.min(this.firstDeferred, row.id);
    }
    await this.deps.onChunk?.();
  }
}
