import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../config.js';
import type { HousekeepingInput } from '../workflows/housekeeping.workflow.js';
import { TASK_KIND_KEY } from './search-attributes.js';

export const HOUSEKEEPING_SCHEDULE_ID = 'switchboard-housekeeping';

/**
 * Creates the housekeeping Schedule, or brings an existing one to this configuration: every worker
 * calls it at start, so it is idempotent. A Schedule rather than a sleeping workflow: operators see,
 * pause and trigger it in the Web UI, overlapping rounds are skipped by policy, and each round is a
 * short workflow with a small history of its own.
 */
export async function ensureHousekeepingSchedule(client: Client, config: Pick<Config, 'housekeeping' | 'temporal'>): Promise<void> {
  const input: HousekeepingInput = { uploadTtlSeconds: config.housekeeping.uploadTtlSeconds };
  const options = {
    scheduleId: HOUSEKEEPING_SCHEDULE_ID,
    spec: { intervals: [{ every: `${config.housekeeping.intervalMinutes} minutes` }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'housekeepingWorkflow',
      workflowId: 'housekeeping',
      taskQueue: config.temporal.taskQueues.bulk,
      args: [input],
      typedSearchAttributes: [{ key: TASK_KIND_KEY, value: 'housekeeping' }],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  } satisfies ScheduleOptions;
  try {
    await client.schedule.create(options);
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(HOUSEKEEPING_SCHEDULE_ID).update((current) => ({ ...current, spec: options.spec, action: options.action, policies: options.policies }));
  }
}
