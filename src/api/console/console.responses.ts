import { z } from 'zod';
import { dateTime, json, nullableDateTime } from '../http/common-schemas.js';
import { TASK_STATUSES } from '../../domain/tasks/task-status.js';

/** The console's own reads (src/api/console/console-api.router.ts). */
const consoleTask = z.object({
  task_id: z.string(),
  kind: z.string(),
  name: z.string(),
  status: z.enum(TASK_STATUSES),
  progress: z.number(),
  current_step: z.string(),
  processed_items: z.number().int(),
  total_items: z.number().int(),
  user_id: z.number().int(),
  upload_id: z.string().nullable(),
  campaign_id: z.number().int().nullable(),
  created_at: dateTime,
  started_at: nullableDateTime,
  completed_at: nullableDateTime,
  result: json.nullable(),
  error: z.string().nullable(),
});

const consoleBroadcast = z.object({
  message_id: z.string(),
  message: z.string(),
  status: z.enum(['queued', 'sending', 'completed', 'failed']),
  recipients_count: z.number().int(),
  sent_count: z.number().int(),
  failed_count: z.number().int(),
  created_at: dateTime,
  completed_at: nullableDateTime,
});

/** The views in console-views.ts are typed by these, so a field added to one and not the other fails tsc. */
export type ConsoleTask = z.infer<typeof consoleTask>;
export type ConsoleBroadcast = z.infer<typeof consoleBroadcast>;

export const consoleTasks = z.object({ count: z.number().int(), results: z.array(consoleTask) });
export const consoleBroadcasts = z.object({ count: z.number().int(), results: z.array(consoleBroadcast) });
export const campaignTimeline = z.object({
  campaign_id: z.number().int(),
  status: z.string(),
  points: z.array(z.object({ at: dateTime, sent: z.number().int(), delivered: z.number().int(), failed: z.number().int() })),
});
