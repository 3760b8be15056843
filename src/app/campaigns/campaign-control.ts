import {
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type pg from 'pg';
import type { TemporalHandle } from '../../temporal/client.js';
import { tenantWorkflowStartOperation } from '../../temporal/start-tenant-workflow.js';
import { cancelUpdate } from '../../workflows/shared/task-messages.js';
import { pauseCampaignUpdate, resumeCampaignUpdate, rescheduleCampaignUpdate, startCampaignUpdate } from '../../workflows/campaign/campaign-messages.js';
import { invalidStatus, notFound, validationError } from '../../domain/shared/errors.js';
import { ACTION_ALLOWED_FROM, ACTION_REFUSED_MESSAGE, canAct, type CampaignAction, type CampaignStatus } from '../../domain/campaigns/campaign-status.js';
import type { CampaignRow } from '../../domain/campaigns/campaign-row.js';
import { findCampaign } from '../../db/campaigns/campaign-store.js';
import { moveCampaign } from '../../db/campaigns/campaign-transitions.js';
import { CampaignSchedules } from './campaign-schedule.js';
import { CAMPAIGN_KIND, campaignWorkflowId } from '../../domain/campaigns/campaign-ids.js';

/**
 * Start, pause, resume and cancel: each checked against the transition table here (a clear
 * INVALID_STATUS before anything happens), then carried to the campaign workflow as an update that
 * returns once the workflow has acted, so the answer tells the truth. A recurring campaign's
 * occurrences come from its Temporal Schedule, which these actions also start, pause and delete.
 */
export class CampaignControl {
  private readonly schedules: CampaignSchedules;

  constructor(
    private readonly pool: pg.Pool,
    private readonly temporal: TemporalHandle,
    private readonly taskQueue: string,
  ) {
    this.schedules = new CampaignSchedules(temporal.client, taskQueue);
  }

  async start(tenantId: number, id: number, now = new Date()): Promise<CampaignRow> {
    const c = await this.allowed('start', tenantId, id);
    if (c.campaign_type !== 'sms') {
      throw validationError({ campaign_type: [`Only SMS campaigns can be sent here; "${c.campaign_type}" delivery is not configured.`] }, ACTION_REFUSED_MESSAGE.start);
    }
    if (!c.message_text.trim() && !c.template_id) throw validationError({ message_text: ['A campaign needs a message (or a template) before it starts.'] }, ACTION_REFUSED_MESSAGE.start);
    if (c.is_recurring) await this.startRecurring(c);
    else await this.startOnce(c, now);
    return this.reload(tenantId, id);
  }

  async pause(tenantId: number, id: number): Promise<CampaignRow> {
    const c = await this.allowed('pause', tenantId, id);
    if (c.is_recurring) {
      await this.schedules.pause(c.schedule_id!, 'Paused from the API');
      if (c.status === 'running') await this.updateRun(c, 'pause', () => this.handle(c).executeUpdate(pauseCampaignUpdate), true);
      await moveCampaign(this.pool, c.id, 'paused', { onlyFrom: ['scheduled', 'running'] });
    } else {
      await this.updateRun(c, 'pause', () => this.handle(c).executeUpdate(pauseCampaignUpdate));
    }
    return this.reload(tenantId, id);
  }

  async resume(tenantId: number, id: number, now = new Date()): Promise<CampaignRow> {
    const c = await this.allowed('resume', tenantId, id);
    if (c.is_recurring) {
      await this.schedules.unpause(c.schedule_id!, 'Resumed from the API');
      const runResumed = await this.updateRun(c, 'resume', () => this.handle(c).executeUpdate(resumeCampaignUpdate, { args: [{ startInMs: 0 }] }), true);
      if (!runResumed) await moveCampaign(this.pool, c.id, 'scheduled', { onlyFrom: ['paused'] });
    } else {
      await this.updateRun(c, 'resume', () => this.handle(c).executeUpdate(resumeCampaignUpdate, { args: [{ startInMs: startInMs(c, now) }] }));
    }
    return this.reload(tenantId, id);
  }

  async cancel(tenantId: number, id: number): Promise<CampaignRow> {
    const c = await this.allowed('cancel', tenantId, id);
    if (c.is_recurring && c.schedule_id) await this.schedules.delete(c.schedule_id);
    const hasWorkflow = c.workflow_id && (!c.is_recurring || c.status === 'running' || c.status === 'paused');
    if (hasWorkflow) await this.updateRun(c, 'cancel', () => this.handle(c).executeUpdate(cancelUpdate), c.is_recurring);
    await moveCampaign(this.pool, c.id, 'cancelled');
    return this.reload(tenantId, id);
  }

  /** A new start time for a one-off campaign already waiting for it. */
  async reschedule(c: CampaignRow, now = new Date()): Promise<void> {
    if (c.status !== 'scheduled' || !c.workflow_id || c.is_recurring) return;
    await this.updateRun(c, 'edit', () => this.handle(c).executeUpdate(rescheduleCampaignUpdate, { args: [{ startInMs: startInMs(c, now) }] }));
  }

  async updateRecurrence(c: CampaignRow): Promise<void> {
    if (c.is_recurring && c.schedule_id) await this.schedules.updateSpec(c.schedule_id, c.recurring_schedule);
  }

  /** Before a delete: nothing of the campaign may keep running or fire again. */
  async stopEverything(c: CampaignRow): Promise<void> {
    if (c.schedule_id) await this.schedules.delete(c.schedule_id);
    if (c.workflow_id && (c.status === 'scheduled' || c.status === 'paused')) {
      await this.updateRun(c, 'cancel', () => this.handle(c).executeUpdate(cancelUpdate), true);
    }
  }

  private async startOnce(c: CampaignRow, now: Date): Promise<void> {
    const workflowId = campaignWorkflowId(c.tenant_id, c.id);
    await this.pool.query(`update campaigns set workflow_id = $2 where id = $1`, [c.id, workflowId]);
    const startWorkflowOperation = tenantWorkflowStartOperation('campaignWorkflow', {
      kind: CAMPAIGN_KIND,
      tenantId: c.tenant_id,
      id: c.id,
      taskQueue: this.taskQueue,
      args: [{ campaignId: c.id, tenantId: c.tenant_id, trigger: 'api' }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // One-off campaigns run once: a closed campaign workflow is never started again under its id.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { campaignId: c.id, userId: c.created_by },
    });
    await this.updateRun(c, 'start', () =>
      this.temporal.client.workflow.executeUpdateWithStart(startCampaignUpdate, { args: [{ startInMs: startInMs(c, now) }], startWorkflowOperation }),
    );
  }

  private async startRecurring(c: CampaignRow): Promise<void> {
    if (c.status === 'scheduled' && c.schedule_id) {
      await this.schedules.trigger(c.schedule_id);
      return;
    }
    const scheduleId = await this.schedules.create(c).catch((err: unknown) => {
      // The cron passed our shape check but not Temporal's parser: the SDK turns the server's "Invalid schedule spec" into a TypeError.
      if (err instanceof TypeError) throw validationError({ recurring_schedule: [`Temporal refused the schedule: ${err.message}`] }, ACTION_REFUSED_MESSAGE.start);
      throw err;
    });
    await this.pool.query(`update campaigns set schedule_id = $2 where id = $1`, [c.id, scheduleId]);
    await moveCampaign(this.pool, c.id, 'scheduled', { onlyFrom: ['draft'] });
  }

  private handle(c: CampaignRow) {
    return this.temporal.client.workflow.getHandle(c.workflow_id ?? campaignWorkflowId(c.tenant_id, c.id));
  }

  /**
   * Runs an update; a refusal by the workflow's validator (the campaign moved meanwhile) becomes the
   * same INVALID_STATUS the API gives. `tolerant`: a missing or finished run is not an error (a
   * recurring campaign between occurrences). Returns whether the workflow took the update.
   */
  private async updateRun(c: CampaignRow, action: CampaignAction, send: () => Promise<unknown>, tolerant = false): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (err) {
      if (tolerant && (err instanceof WorkflowUpdateFailedError || isClosedWorkflow(err))) return false;
      if (err instanceof WorkflowUpdateFailedError || isClosedWorkflow(err)) {
        const now = await findCampaign(this.pool, c.tenant_id, c.id);
        throw refused(action, now?.status ?? c.status);
      }
      throw err;
    }
  }

  private async allowed(action: CampaignAction, tenantId: number, id: number): Promise<CampaignRow> {
    const c = await findCampaign(this.pool, tenantId, id);
    if (!c) throw notFound('Campaign not found.');
    if (!canAct(action, c.status)) throw refused(action, c.status);
    return c;
  }

  private async reload(tenantId: number, id: number): Promise<CampaignRow> {
    return (await findCampaign(this.pool, tenantId, id))!;
  }
}

export const refused = (action: CampaignAction, status: CampaignStatus) =>
  invalidStatus(ACTION_REFUSED_MESSAGE[action], status, ACTION_ALLOWED_FROM[action], 'INVALID_TRANSITION');

const startInMs = (c: CampaignRow, now: Date) => (c.scheduled_at ? c.scheduled_at.getTime() - now.getTime() : 0);

const GRPC_NOT_FOUND = 5;

/**
 * An update that found no running workflow: none under the id, or one already closed (an update to it
 * is a WorkflowNotFoundError; an update-with-start, whose reuse policy rejects a closed id, a
 * WorkflowExecutionAlreadyStartedError, or the raw NOT_FOUND of its update operation).
 */
function isClosedWorkflow(err: unknown): boolean {
  return (
    err instanceof WorkflowNotFoundError ||
    err instanceof WorkflowExecutionAlreadyStartedError ||
    (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)
  );
}
