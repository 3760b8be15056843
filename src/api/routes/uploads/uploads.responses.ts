import { z } from 'zod';
import { dateTime, json, nullableDateTime } from '../../http/common-schemas.js';
import { TASK_STATUSES } from '../../../domain/tasks/task-status.js';

/** Seed 001's chunked upload answers (camelCase as the seed writes them), plus the import's state. */
const ok = { success: z.literal(true), message: z.string() };
const int = z.number().int();

export const uploadResponses = {
  initialized: z.object({ ...ok, uploadId: z.string() }),
  chunk: z.object({ ...ok, uploadedChunks: int }),
  completed: z.object({ ...ok, s3Key: z.string(), task_id: z.string(), uploadId: z.string() }),
  view: z.object({
    success: z.literal(true),
    uploadId: z.string(),
    fileName: z.string(),
    fileSize: z.number(),
    totalChunks: int,
    uploadedChunks: int,
    receivedBytes: z.number(),
    missing_chunks: z.array(int),
    status: z.enum(['uploading', 'completed', 'expired']),
    s3Key: z.string(),
    task_id: z.string().nullable(),
    import: z
      .object({
        status: z.enum(TASK_STATUSES),
        progress: z.number(),
        current_step: z.string(),
        processed_items: int,
        total_items: int,
        result: json.nullable(),
        error: z.string().nullable(),
      })
      .nullable(),
    created_at: dateTime,
    completed_at: nullableDateTime,
  }),
  rejectedCsv: { description: 'The rows not stored, with row number and reason', contentType: 'text/csv', schema: z.string() },
  cancelled: z.object({ ...ok, task_id: z.string(), status: z.enum(TASK_STATUSES) }),
};
