import type { TaskProgressView, TaskRow } from '../../../app/tasks/task-service.js';

const paramOf = (task: TaskRow, ...keys: string[]) => {
  for (const k of keys) if (task.params?.[k] !== undefined && task.params[k] !== null) return task.params[k];
  return undefined;
};

/**
 * The seed-000 task object. `celery_task_id` keeps the seed's name for what is now the Temporal
 * workflow id; area code and quantity are what the task was started with.
 */
export function toTaskView(task: TaskRow) {
  const areaCode = paramOf(task, 'area_code', 'areaCode');
  const quantity = paramOf(task, 'quantity');
  return {
    id: task.id,
    task_id: task.task_id,
    area_code: areaCode === undefined ? null : String(areaCode),
    quantity: quantity === undefined ? task.total_items : Number(quantity),
    status: task.status,
    progress: task.progress,
    current_step: task.current_step,
    processed_items: task.processed_items,
    total_items: task.total_items,
    celery_task_id: task.workflow_id,
    workflow_id: task.workflow_id,
    kind: task.kind,
    created_at: task.created_at,
    started_at: task.started_at,
    completed_at: task.completed_at,
    result: task.result,
    error: task.error,
  };
}

export function toProgressView({ task, figures, estimatedCompletion }: TaskProgressView) {
  return {
    task_id: task.task_id,
    status: figures.status,
    progress: figures.progress,
    current_step: figures.currentStep,
    processed_items: figures.processedItems,
    total_items: figures.totalItems,
    created_at: task.created_at,
    started_at: task.started_at,
    completed_at: task.completed_at,
    estimated_completion: estimatedCompletion,
    result: task.result,
    error: task.error,
  };
}
