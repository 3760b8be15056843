import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { tenantWorkflowAttributes } from '../../temporal/search-attributes.js';
import { tenantScheduleAction } from '../../temporal/start-tenant-workflow.js';
import { CAMPAIGN_KIND, campaignScheduleId } from '../../domain/campaigns/campaign-ids.js';
import type { CampaignRow } from '../../domain/campaigns/campaign-row.js';


const campaignSearchAttributes = (tenantId: number) => tenantWorkflowAttributes(tenantId, CAMPAIGN_KIND);

/**
 * A recurring campaign is a Temporal Schedule whose every occurrence starts one campaign workflow
 * (id `campaign-t<tenant>-<id>-<time>`). Overlaps are skipped (a slow occurrence is never doubled) and
 * the catch-up window is one minute, so an occurrence missed while the cluster was down is skipped,
 * not sent late. Operators see, pause and trigger it in the Temporal UI like the API does.
 */
export class CampaignSchedules {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async create(campaign: Pick<CampaignRow, 'id' | 'tenant_id' | 'name' | 'recurring_schedule'>): Promise<string> {
    const scheduleId = campaignScheduleId(campaign.tenant_id, campaign.id);
    await this.client.schedule.create({
      scheduleId,
      spec: { cronExpressions: [campaign.recurring_schedule.cron!], timezone: campaign.recurring_schedule.timezone || 'UTC' },
      action: tenantScheduleAction('campaignWorkflow', {
        kind: CAMPAIGN_KIND,
        tenantId: campaign.tenant_id,
        id: campaign.id,
        taskQueue: this.taskQueue,
        args: [{ campaignId: campaign.id, tenantId: campaign.tenant_id, trigger: 'schedule' }],
      }),
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
      state: { note: `Campaign ${campaign.id}: ${campaign.name}`.slice(0, 200) },
      typedSearchAttributes: campaignSearchAttributes(campaign.tenant_id),
    });
    return scheduleId;
  }

  async updateSpec(scheduleId: string, schedule: { cron?: string; timezone?: string }): Promise<void> {
    await this.client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec: { cronExpressions: [schedule.cron!], timezone: schedule.timezone || 'UTC' },
    }));
  }

  pause(scheduleId: string, note: string) {
    return this.ignoringMissing(() => this.client.schedule.getHandle(scheduleId).pause(note));
  }

  unpause(scheduleId: string, note: string) {
    return this.ignoringMissing(() => this.client.schedule.getHandle(scheduleId).unpause(note));
  }

  /** Runs one occurrence now (a start of an already scheduled recurring campaign). */
  trigger(scheduleId: string) {
    return this.client.schedule.getHandle(scheduleId).trigger(ScheduleOverlapPolicy.SKIP);
  }

  delete(scheduleId: string) {
    return this.ignoringMissing(() => this.client.schedule.getHandle(scheduleId).delete());
  }

  private async ignoringMissing(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
  }
}
