import { Context } from '@temporalio/activity';
import type { ActivityDeps } from '../activity-deps.js';
import { TaskReporter } from '../../db/tasks/task-reporter.js';
import { RecipientCallbacks } from '../../app/campaigns/recipient-callback.js';
import { moveCampaign } from '../../db/campaigns/campaign-transitions.js';
import type { CampaignStatus } from '../../domain/campaigns/campaign-status.js';
import type { CampaignCounts } from '../../domain/campaigns/campaign-figures.js';
import { findCampaign } from '../../db/campaigns/campaign-store.js';
import { prepareRun, type PreparedRun } from '../../app/campaigns/run-preparation.js';
import { cancelPendingRecipients, closeRun, setRunControl } from '../../db/campaigns/ledger/campaign-runs.js';
import type { RunControl } from '../../db/campaigns/ledger/recipient-claim.js';
import { runRemainder } from '../../db/campaigns/ledger/recipient-pages.js';
import { readCampaignCounts, readRunProgress } from '../../db/campaigns/ledger/campaign-counts.js';
import { msUntilQuietEnds } from '../../domain/campaigns/quiet-hours.js';
import { loadBatchContext } from './batch-context.js';
import { sendBatch, type SendBatchInput, type SendBatchResult } from './send-batch.js';

const PROGRESS_EVERY_MS = 1000;
const HEARTBEAT_EVERY_MS = 3000;

/**
 * Activities of the campaign workflow: every one idempotent (a retry finds the work done and does it
 * no twice), taking and returning ids and figures only.
 */
export function createCampaignActivities(deps: Pick<ActivityDeps, 'db' | 'config' | 'sms'>) {
  const pool = deps.db.pool;
  const reporter = new TaskReporter(pool);
  const callbacks = new RecipientCallbacks(deps.config);

  return {
    /** Moves the campaign row through the transition table; refused moves leave it where it is. */
    async campaignMove(input: { campaignId: number; to: CampaignStatus; onlyFrom?: CampaignStatus[] }): Promise<{ status: CampaignStatus; moved: boolean }> {
      return moveCampaign(pool, input.campaignId, input.to, { onlyFrom: input.onlyFrom });
    },

    /** Pause, resume or cancel: the run's control (what the next claim checks) and the campaign status. */
    async campaignControl(input: { campaignId: number; runId: number | null; control: RunControl; status: CampaignStatus }): Promise<{ status: CampaignStatus }> {
      if (input.runId !== null) await setRunControl(pool, input.runId, input.control);
      const { status } = await moveCampaign(pool, input.campaignId, input.status);
      return { status };
    },

    /**
     * Opens the run and builds its ledger (once). A run the campaign no longer wants (a scheduled
     * occurrence that fires while the campaign is paused, cancelled or deleted) is skipped.
     */
    async campaignPrepareRun(input: { campaignId: number; tenantId: number; workflowId: string; trigger: 'api' | 'schedule' }): Promise<PreparedRun | { skipped: string }> {
      const campaign = await findCampaign(pool, input.tenantId, input.campaignId);
      if (!campaign) return { skipped: 'campaign deleted' };
      // An API-started campaign may already be paused again; only a scheduled one is moved here.
      const { status } = campaign.status === 'scheduled' ? await moveCampaign(pool, campaign.id, 'running', { onlyFrom: ['scheduled'] }) : campaign;
      if (status !== 'running' && !(status === 'paused' && input.trigger === 'api')) return { skipped: `campaign is ${status}` };
      const run = await prepareRun(pool, campaign, input.workflowId);
      if (run.taskId) await reporter.started(run.taskId, 'Sending');
      return run;
    },

    /** One batch of sends; heartbeats and reports progress to the task row (Socket.IO) as it goes. */
    async campaignSendBatch(input: SendBatchInput & { taskId: string | null }): Promise<SendBatchResult & { counts: CampaignCounts }> {
      const ctx = Context.current();
      let lastReport = 0;
      const onChunk = async () => {
        if (Date.now() - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = Date.now();
        await reportProgress(input.campaignId, input.runId, input.taskId);
      };
      // Beats on a timer, not per chunk: a chunk backing off from a throttling provider must not look dead.
      const beat = setInterval(() => ctx.heartbeat(), HEARTBEAT_EVERY_MS);
      let result: SendBatchResult;
      try {
        result = await sendBatch({ pool, sms: deps.sms, callbacks, onChunk, signal: ctx.cancellationSignal }, input);
      } finally {
        clearInterval(beat);
      }
      // Cancelled by a worker shutting down: every claimed send is recorded, and answering normally
      // lets the workflow carry on from the returned cursor on another worker.
      await reportProgress(input.campaignId, input.runId, input.taskId);
      return { ...result, counts: await readCampaignCounts(pool, input.campaignId) };
    },

    /** After a pass: what is left, and how long until the earliest held recipient's quiet hours end. */
    async campaignPassRemainder(input: { runId: number; tenantId: number }): Promise<{ pending: number; sending: number; waitMs: number }> {
      const remainder = await runRemainder(pool, input.runId);
      const ctx = await loadBatchContext(pool, input.runId, input.tenantId);
      const now = new Date();
      const waits = remainder.pendingTimeZones.map((tz) => msUntilQuietEnds(tz, now, ctx.settings.quietHours));
      return { pending: remainder.pending, sending: remainder.sending, waitMs: waits.length ? Math.min(...waits) : 0 };
    },

    /** Ends a run: the campaign's status, the task's final event, and (when cancelled) the rows never sent. */
    async campaignFinishRun(input: {
      campaignId: number;
      runId: number | null;
      taskId: string | null;
      outcome: 'completed' | 'cancelled' | 'failed';
      recurring: boolean;
      error?: string;
    }): Promise<{ status: CampaignStatus; counts: CampaignCounts }> {
      if (input.runId !== null && input.outcome === 'cancelled') await cancelPendingRecipients(pool, input.runId);
      const nextOccurrence = input.outcome === 'completed' && input.recurring;
      const { status } = nextOccurrence
        ? await moveCampaign(pool, input.campaignId, 'scheduled', { onlyFrom: ['running'] })
        : await moveCampaign(pool, input.campaignId, input.outcome, { reason: input.error });
      if (input.runId !== null) await closeRun(pool, input.runId);
      const counts = await readCampaignCounts(pool, input.campaignId);
      if (input.taskId) {
        const summary = { campaign_id: input.campaignId, ...counts };
        if (input.outcome === 'completed') await reporter.completed(input.taskId, summary);
        else if (input.outcome === 'cancelled') await reporter.cancelled(input.taskId, summary);
        else await reporter.failed(input.taskId, input.error ?? 'campaign failed');
      }
      return { status, counts };
    },

    async campaignCounts(input: { campaignId: number }): Promise<CampaignCounts> {
      return readCampaignCounts(pool, input.campaignId);
    },
  };

  async function reportProgress(campaignId: number, runId: number, taskId: string | null) {
    if (!taskId) return;
    const run = await readRunProgress(pool, campaignId, runId);
    if (run) await reporter.progress(taskId, { processed: run.processed, total: run.total, currentStep: 'Sending' });
  }
}
