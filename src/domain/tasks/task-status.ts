export const TASK_STATUSES = ['pending', 'in_progress', 'completed', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const ACTIVE_STATUSES: readonly TaskStatus[] = ['pending', 'in_progress'];
const FINAL_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];

const transitions: Record<TaskStatus, readonly TaskStatus[]> = {
  pending: ['in_progress', 'completed', 'failed', 'cancelled'],
  in_progress: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return transitions[from].includes(to);
}

export function isFinal(status: TaskStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
