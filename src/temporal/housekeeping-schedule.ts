import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../config.js';
import type { HousekeepingInput } from '../workflows/housekeeping.workflow.js';
import { TASK_KIND_KEY } from './search-attributes.js';

/** One Schedule per deployment (task-queue prefix): `switchboard-housekeeping` by default. */
export const housekeepingScheduleId = (config: Pick<Config, 'temporal'>) => `${config.temporal.taskQueues.bulk.replace(/-bulk$/, '')}-housekeeping`;

/**
 * Creates the housekeeping Schedule, or brings an existing one to this configuration: every worker
 * calls it at start, so it is idempotent. A Schedule rather than a sleeping workflow: operators see,
 * pause and trigger it in the Web UI, overlapping rounds are skipped by policy, and each round is a
 * short workflow with a small history of its own.
 */
export async function ensureHousekeepingSchedule(client: Client, config: Pick<Config, 'housekeeping' | 'temporal'>): Promise<void> {
  const input: HousekeepingInput = { uploadTtlSeconds: config.housekeeping.uploadTtlSeconds };
  const scheduleId = housekeepingScheduleId(config);
  const options = {
    scheduleId,
    spec: { intervals: [{ every: `${config.housekeeping.intervalMinutes} minutes` }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'housekeepingWorkflow',
      workflowId: scheduleId,
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
    await client.schedule.getHandle(scheduleId).update((current) => ({ ...current, spec: options.spec, action: options.action, policies: options.policies }));
  }
}
