import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** Live figures every task workflow keeps in its state and answers from the `progress` query. */
export interface TaskProgress {
  status: 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled';
  processed: number;
  total: number;
  currentStep: string;
}

/** Every task workflow answers `progress` and accepts a `cancel` update that takes effect before its next batch. */
export const progressQuery = defineQuery<TaskProgress>('progress');
export const cancelUpdate = defineUpdate<{ accepted: boolean; status: TaskProgress['status'] }, []>('cancel');
