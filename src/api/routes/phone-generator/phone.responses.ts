import { z } from 'zod';
import { phoneEnvelope } from '../../http/envelope-schemas.js';
import { dateTime, json, nullableDateTime } from '../../http/common-schemas.js';
import { TASK_STATUSES } from '../../../domain/tasks/task-status.js';
import { NUMBER_STATUSES } from '../../../domain/phone-inventory/number-view.js';

/** Seed 000 answers, as `toTaskView`, `toNumberView`, `paginationView` and the routers shape them. */
const taskStatus = z.enum(TASK_STATUSES);

export const taskView = z.object({
  id: z.number().int(),
  task_id: z.string(),
  area_code: z.string().nullable(),
  quantity: z.number().int(),
  status: taskStatus,
  progress: z.number(),
  current_step: z.string(),
  processed_items: z.number().int(),
  total_items: z.number().int(),
  celery_task_id: z.string().nullable(),
  workflow_id: z.string().nullable(),
  kind: z.string(),
  created_at: dateTime,
  started_at: nullableDateTime,
  completed_at: nullableDateTime,
  result: json.nullable(),
  error: z.string().nullable(),
});

export const progressView = z.object({
  task_id: z.string(),
  status: taskStatus,
  progress: z.number(),
  current_step: z.string(),
  processed_items: z.number().int(),
  total_items: z.number().int(),
  created_at: dateTime,
  started_at: nullableDateTime,
  completed_at: nullableDateTime,
  estimated_completion: nullableDateTime,
  result: json.nullable(),
  error: z.string().nullable(),
});

export const pagination = z.object({
  page_number: z.number().int(),
  count: z.number().int(),
  total_pages: z.number().int(),
  next: z.number().int().nullable(),
  previous: z.number().int().nullable(),
});

export const numberView = z.object({
  id: z.number().int(),
  phone_number: z.string(),
  number: z.string(),
  national_format: z.string(),
  area_code: z.string(),
  status: z.enum(NUMBER_STATUSES as [string, ...string[]]),
  is_valid: z.boolean().nullable(),
  carrier: z.string().nullable(),
  type: z.string().nullable(),
  project_id: z.string(),
  validated_at: nullableDateTime,
  created_at: dateTime,
});

const countOf = <K extends string>(key: K) => z.object({ [key]: z.string(), count: z.number().int() } as Record<K, z.ZodString> & { count: z.ZodNumber });

export const statistics = z.object({
  total_numbers: z.number().int(),
  validated_numbers: z.number().int(),
  valid_numbers: z.number().int(),
  invalid_numbers: z.number().int(),
  pending_validation: z.number().int(),
  validation_rate: z.number(),
  validity_rate: z.number(),
  carrier_breakdown: z.array(countOf('carrier')),
  type_breakdown: z.array(countOf('type')),
  area_code_breakdown: z.array(countOf('area_code')),
  status_breakdown: z.array(countOf('status')),
});

export const responses = {
  taskList: phoneEnvelope(z.object({ tasks: z.array(taskView), pagination })),
  activeTasks: phoneEnvelope(z.object({ generation_tasks: z.array(taskView), all_tasks: z.array(taskView), total_active_tasks: z.number().int() })),
  progress: phoneEnvelope(progressView),
  cancelled: phoneEnvelope(z.object({ task_id: z.string(), status: taskStatus })),
  numberPage: phoneEnvelope(z.object({ numbers: z.array(numberView), pagination })),
  cleared: phoneEnvelope(z.object({ deleted_invalid: z.number().int(), deleted_non_mobile: z.number().int(), deleted_count: z.number().int() })),
  deleted: phoneEnvelope(z.object({ deleted_count: z.number().int() })),
  statistics: phoneEnvelope(statistics),
  csv: { description: 'The numbers as CSV', contentType: 'text/csv', schema: z.string() },
};

const generationStarted = z.object({
  task_id: z.string(),
  area_code: z.string(),
  quantity: z.number().int(),
  batch_size: z.number().int(),
  project_id: z.string(),
  estimated_time: z.string(),
  carrier_filter: z.string().nullable().optional(),
  type_filter: z.string().nullable().optional(),
  auto_validate: z.boolean().optional(),
});

const validationStarted = z.object({
  task_id: z.string(),
  total_numbers: z.number().int(),
  batch_size: z.number().int(),
  project_id: z.string().nullable(),
  estimated_time: z.string(),
  requested_ids: z.number().int().optional(),
});

export const jobResponses = {
  generationStarted: phoneEnvelope(generationStarted),
  generated: phoneEnvelope(
    z.looseObject({ task_id: z.string(), status: taskStatus, area_code: z.string(), quantity: z.number().int(), project_id: z.string(), numbers: z.array(z.string()) }),
  ),
  validationStarted: phoneEnvelope(validationStarted),
  validated: phoneEnvelope(z.looseObject({ task_id: z.string(), status: taskStatus, total_numbers: z.number().int() })),
};
