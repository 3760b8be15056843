import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo, log } from '@temporalio/workflow';
import type { createCampaignActivities } from '../activities/campaigns/campaigns.activities.js';
import type { CampaignCounts } from '../domain/campaigns/campaign-figures.js';
import { ACTION_REFUSED_MESSAGE, canAct, isFinalCampaignStatus, type CampaignAction, type CampaignStatus } from '../domain/campaigns/campaign-status.js';
import { deliveryRate, progressPercentage, readRate } from '../domain/campaigns/campaign-figures.js';
import { cancelUpdate, progressQuery, type TaskProgress } from './shared/task-messages.js';
import {
  campaignProgressQuery,
  pauseCampaignUpdate,
  rescheduleCampaignUpdate,
  resumeCampaignUpdate,
  startCampaignUpdate,
} from './campaign/campaign-messages.js';

type Activities = ReturnType<typeof createCampaignActivities>;

const control = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '10 seconds' } });
const prepare = proxyActivities<Activities>({ startToCloseTimeout: '15 minutes', retry: { maximumInterval: '30 seconds', maximumAttempts: 20 } });
// A batch heartbeats every few seconds; a dead worker is noticed after 15 s and the batch runs again
// elsewhere, settling the rows the dead one left `sending` instead of sending them twice.
const batches = proxyActivities<Activities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '15 seconds', retry: { maximumInterval: '10 seconds' } });

/** Batches per workflow run before continue-as-new keeps the history short. */
const BATCHES_PER_RUN = 200;
const LONGEST_QUIET_WAIT_MS = 60 * 60_000;

export interface CampaignWorkflowInput {
  campaignId: number;
  tenantId: number;
  /** `api`: created by the start endpoint, waits for the `start` update. `schedule`: an occurrence of a recurring campaign. */
  trigger: 'api' | 'schedule';
  carried?: CarriedState;
}

interface RunRef {
  runId: number;
  taskId: string | null;
}

interface CarriedState {
  status: CampaignStatus;
  run: RunRef | null;
  cursor: number;
  counts: CampaignCounts;
  startInMs: number;
  /** Passes over the ledger finished, and how many recipients the last one held for quiet hours. */
  passes: number;
  heldThisPass: number;
  heldLastPass: number;
}

const ZERO: CampaignCounts = { total: 0, processed: 0, sent: 0, delivered: 0, read: 0, failed: 0, unknown: 0, skipped: 0, cancelled: 0 };

/**
 * One campaign run: waits for `start` (and for its start time), builds the recipient ledger, then sends
 * it in throttled batches until every recipient is settled. Pause, resume and cancel are updates
 * validated against the campaign transition table and answered once they have taken effect. Long
 * campaigns continue-as-new with their cursor and counts.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<{ status: CampaignStatus; counts: CampaignCounts }> {
  const recurring = input.trigger === 'schedule';
  const s: CarriedState & { batchActive: boolean; rescheduled: boolean; finishing: boolean } = {
    ...(input.carried ?? { status: recurring ? 'running' : 'draft', run: null, cursor: 0, counts: ZERO, startInMs: 0, passes: 0, heldThisPass: 0, heldLastPass: 0 }),
    batchActive: false,
    rescheduled: false,
    finishing: false,
  };
  const ids = { campaignId: input.campaignId };

  setHandler(progressQuery, (): TaskProgress => ({
    status: taskStatusOf(s.status),
    processed: s.counts.processed,
    total: s.counts.total,
    currentStep: s.status === 'running' ? 'Sending' : s.status,
  }));
  setHandler(campaignProgressQuery, () => ({
    status: s.status,
    counts: s.counts,
    progressPercentage: progressPercentage(s.counts, s.status === 'completed'),
    deliveryRate: deliveryRate(s.counts),
    readRate: readRate(s.counts),
    runId: s.run?.runId ?? null,
    passes: s.passes,
    heldForQuietHours: s.heldLastPass,
  }));

  setHandler(
    startCampaignUpdate,
    async ({ startInMs }) => {
      // Stored before the workflow acts on it, so the run it prepares finds the campaign started.
      const next: CampaignStatus = startInMs > 0 && s.status === 'draft' ? 'scheduled' : 'running';
      const { status } = await control.campaignMove({ ...ids, to: next });
      s.startInMs = startInMs;
      s.status = status;
      s.rescheduled = true;
      return { status };
    },
    { validator: (_: { startInMs: number }) => refuseUnless('start', s.status, s.finishing) },
  );

  setHandler(
    pauseCampaignUpdate,
    async () => {
      s.status = 'paused';
      await control.campaignControl({ ...ids, runId: s.run?.runId ?? null, control: 'paused', status: 'paused' });
      await condition(() => !s.batchActive);
      return { status: s.status };
    },
    { validator: () => refuseUnless('pause', s.status, s.finishing) },
  );

  setHandler(
    resumeCampaignUpdate,
    async ({ startInMs }) => {
      const next: CampaignStatus = s.run || startInMs <= 0 ? 'running' : 'scheduled';
      await control.campaignControl({ ...ids, runId: s.run?.runId ?? null, control: 'running', status: next });
      s.startInMs = startInMs;
      s.status = next;
      s.rescheduled = true;
      return { status: s.status };
    },
    { validator: (_: { startInMs: number }) => refuseUnless('resume', s.status, s.finishing) },
  );

  setHandler(
    rescheduleCampaignUpdate,
    ({ startInMs }) => {
      s.startInMs = startInMs;
      s.rescheduled = true;
      return { status: s.status };
    },
    { validator: (_: { startInMs: number }) => (s.status === 'scheduled' && !s.run ? undefined : refuseUnless('edit', 'running')) },
  );

  setHandler(
    cancelUpdate,
    async () => {
      s.status = 'cancelled';
      await control.campaignControl({ ...ids, runId: s.run?.runId ?? null, control: 'cancelled', status: 'cancelled' });
      await condition(() => !s.batchActive);
      return { accepted: true, status: 'cancelled' as const };
    },
    { validator: () => refuseUnless('cancel', s.status, s.finishing) },
  );

  if (!s.run) {
    await condition(() => s.status !== 'draft');
    await waitForStartTime(s);
    if (s.status === 'cancelled') return finish(null, 'cancelled');
    let prepared: Awaited<ReturnType<Activities['campaignPrepareRun']>>;
    try {
      prepared = await prepare.campaignPrepareRun({ ...ids, tenantId: input.tenantId, workflowId: workflowInfo().workflowId, trigger: input.trigger });
    } catch (err) {
      // The ledger could not be built even after retries: nothing was sent, the campaign says why.
      return finish(null, 'failed', ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message);
    }
    if ('skipped' in prepared) {
      log.info('campaign run skipped', { reason: prepared.skipped });
      await condition(allHandlersFinished);
      return { status: s.status, counts: s.counts };
    }
    s.run = { runId: prepared.runId, taskId: prepared.taskId };
    s.counts = await control.campaignCounts(ids);
  }
  const run = s.run;

  for (let n = 0; ; n++) {
    if (s.status === 'paused') await condition(() => s.status !== 'paused');
    if (s.status === 'cancelled') return finish(run, 'cancelled');
    if (n >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      const { batchActive: _a, rescheduled: _r, finishing: _f, ...carried } = s;
      return continueAsNew<typeof campaignWorkflow>({ ...input, carried });
    }
    s.batchActive = true;
    const batch = await batches
      .campaignSendBatch({ ...ids, tenantId: input.tenantId, runId: run.runId, taskId: run.taskId, cursor: s.cursor })
      .finally(() => (s.batchActive = false));
    s.counts = batch.counts;
    s.cursor = batch.cursor;
    // A stopped or throttled batch is walked again from its start, its held rows with it.
    if (!batch.stoppedBy && !batch.backoffMs) s.heldThisPass += batch.held;
    if (batch.stoppedBy) continue;
    if (batch.backoffMs > 0) await condition(() => s.status !== 'running', batch.backoffMs);
    if (!batch.endOfLedger) continue;
    s.passes++;
    s.heldLastPass = s.heldThisPass;
    s.heldThisPass = 0;
    const left = await control.campaignPassRemainder({ runId: run.runId, tenantId: input.tenantId });
    if (left.pending === 0 && left.sending === 0) break;
    // Recipients in quiet hours (or put back after throttling) wait for a later pass from the start.
    s.cursor = 0;
    await condition(() => s.status !== 'running', Math.min(LONGEST_QUIET_WAIT_MS, Math.max(1000, left.waitMs)));
  }
  return finish(run, 'completed');

  async function finish(runRef: RunRef | null, outcome: 'completed' | 'cancelled' | 'failed', error?: string) {
    s.finishing = true;
    const done = await control.campaignFinishRun({ ...ids, runId: runRef?.runId ?? null, taskId: runRef?.taskId ?? null, outcome, recurring, error });
    s.counts = done.counts;
    s.status = done.status;
    await condition(allHandlersFinished);
    return { status: s.status, counts: s.counts };
  }
}

/** Waits while the campaign is scheduled for later or paused before it began. */
async function waitForStartTime(s: { status: CampaignStatus; startInMs: number; rescheduled: boolean }) {
  while (s.status === 'scheduled' || s.status === 'paused') {
    if (s.status === 'paused') {
      await condition(() => s.status !== 'paused');
      continue;
    }
    s.rescheduled = false;
    const woken = await condition(() => s.status !== 'scheduled' || s.rescheduled, Math.max(1, s.startInMs));
    if (!woken && s.status === 'scheduled') s.status = 'running';
  }
}

/** Update validators: an action the transition table refuses never enters the history. */
function refuseUnless(action: CampaignAction, status: CampaignStatus, finishing = false): void {
  if (finishing || !canAct(action, status)) throw new Error(`${ACTION_REFUSED_MESSAGE[action]} while ${finishing ? 'finishing' : status}.`);
}

function taskStatusOf(status: CampaignStatus): TaskProgress['status'] {
  if (isFinalCampaignStatus(status)) return status as TaskProgress['status'];
  return status === 'running' || status === 'paused' ? 'in_progress' : 'pending';
}
