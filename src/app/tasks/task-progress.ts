import type { TaskProgress } from '../../workflows/shared/task-messages.js';
import { isFinal, type TaskStatus } from '../../domain/tasks/task-status.js';

/** The figures a progress answer needs, from the row and (while it runs) the workflow's own state. */
export interface ProgressFigures {
  status: TaskStatus;
  progress: number;
  currentStep: string;
  processedItems: number;
  totalItems: number;
}

interface RowFigures {
  status: TaskStatus;
  progress: number;
  current_step: string;
  processed_items: number;
  total_items: number;
}

/**
 * The row is written once per batch and the workflow knows the figure between batches, so a running
 * task takes the larger count from either. Final statuses come only from the row: the workflow may
 * already say "completed" before the activity that stores the result has committed.
 */
export function mergeLiveProgress(row: RowFigures, live: TaskProgress | null): ProgressFigures {
  const fromRow: ProgressFigures = {
    status: row.status,
    progress: row.progress,
    currentStep: row.current_step,
    processedItems: row.processed_items,
    totalItems: row.total_items,
  };
  if (!live || isFinal(row.status)) return fromRow;
  const totalItems = live.total > 0 ? live.total : row.total_items;
  const processedItems = Math.min(Math.max(row.processed_items, live.processed), totalItems || Infinity);
  return {
    status: row.status === 'pending' && live.status === 'in_progress' ? 'in_progress' : row.status,
    progress: totalItems > 0 ? Math.min(100, Math.floor((100 * processedItems) / totalItems)) : row.progress,
    currentStep: live.processed >= row.processed_items && live.currentStep ? live.currentStep : row.current_step,
    processedItems,
    totalItems,
  };
}

/**
 * When a running task should finish at the rate it has kept since it started; null until it has made
 * progress. A finished task's estimate is its completion time.
 */
export function estimateCompletion(
  figures: Pick<ProgressFigures, 'status' | 'processedItems' | 'totalItems'>,
  startedAt: Date | null,
  completedAt: Date | null,
  now: Date,
): Date | null {
  if (isFinal(figures.status)) return completedAt;
  if (!startedAt || figures.processedItems <= 0 || figures.totalItems <= 0) return null;
  const elapsedMs = Math.max(0, now.getTime() - startedAt.getTime());
  const remaining = Math.max(0, figures.totalItems - figures.processedItems);
  return new Date(now.getTime() + Math.round((elapsedMs * remaining) / figures.processedItems));
}
