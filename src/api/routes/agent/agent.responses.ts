import { z } from 'zod';
import { pageOf } from '../../http/envelope-schemas.js';
import { dateTime, json, nullableDateTime } from '../../http/common-schemas.js';

/** Seed 002's agent answers: raw DRF bodies, as agent-views.ts and the analytics queries shape them. */
const int = z.number().int();
const text = z.string().nullable();
const tier = z.enum(['free', 'premium', 'enterprise']);

export const agentUser = z.object({
  phone_number: z.string(),
  tier,
  email: text,
  full_name: text,
  created_at: dateTime,
  last_active: nullableDateTime,
  total_requests: int,
  monthly_requests: int,
  timezone: z.string(),
  preferences: json,
});

const agentUserDetail = agentUser.extend({ rate_limit_reset: dateTime, stats: z.unknown() });

export const agentTask = z.object({
  id: int,
  user_phone: z.string(),
  sms_content: z.string(),
  ai_response: text,
  category: z.string(),
  processing_time: z.number().nullable(),
  tokens_used: int.nullable(),
  complexity_score: z.number().nullable(),
  success: z.boolean().nullable(),
  error_message: text,
  created_at: dateTime,
  completed_at: nullableDateTime,
  metadata: json.nullable(),
});

const errorLog = z.object({
  id: int,
  user_phone: text,
  task_id: int.nullable(),
  error_type: z.string(),
  error_message: z.string(),
  stack_trace: text,
  timestamp: dateTime,
  resolved: z.boolean(),
  resolution_notes: text,
  metadata: json.nullable(),
});

const broadcastStatus = z.object({
  message_id: z.string(),
  status: z.string(),
  message_type: z.string(),
  tier_filter: z.array(tier),
  recipients_count: int,
  sent_count: int,
  failed_count: int,
  delivery_rate: z.number(),
  created_at: dateTime,
  completed_at: nullableDateTime,
});

export const agentResponses = {
  users: pageOf(agentUser),
  user: agentUser,
  userDetail: agentUserDetail,
  tierChanged: agentUser.extend({ message: z.string() }),
  messageSent: z.object({ status: z.literal('sent'), phone_number: z.string(), message_type: z.string(), message_sid: z.string(), provider_status: z.string(), simulated: z.boolean() }),
  tasks: pageOf(agentTask),
  task: agentTask,
  taskAnalytics: z.looseObject({
    total_tasks: int,
    successful_tasks: int,
    success_rate: z.number(),
    avg_processing_time: z.number().nullable(),
    avg_tokens_used: z.number().nullable(),
    category_breakdown: z.unknown(),
    daily_stats: z.unknown(),
  }),
  overview: z.looseObject({ total_users: int, total_tasks: int, success_rate: z.number(), avg_response_time: z.number().nullable(), tier_distribution: z.unknown(), top_categories: z.unknown() }),
  userAnalytics: z.looseObject({
    total_users: int,
    new_users_period: int,
    active_users_period: int,
    retention_rate: z.number(),
    tier_upgrades: int,
    tier_downgrades: int,
    geographic_distribution: z.unknown(),
    usage_patterns: z.unknown(),
  }),
  performance: z.looseObject({ response_times: json, error_rates: json, resource_usage: json }),
  broadcastQueued: z.object({ message_id: z.string(), recipients_count: int, estimated_delivery: dateTime, status: z.literal('queued') }),
  broadcastStatus,
  errorLogs: pageOf(errorLog),
  errorLog,
};
