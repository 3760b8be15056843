import { taskActivities } from './phone-activities.js';
import type { TaskCancelRequest } from './task-workflow.js';

/** A phone task's stop request: never refused, seen by the running chunk before its next batch. */
export const phoneTaskCancel = (taskId: string): TaskCancelRequest => ({
  neverRefused: true,
  record: () => taskActivities.requestPhoneTaskStop({ taskId }),
});
