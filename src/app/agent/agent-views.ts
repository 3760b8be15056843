import type { AgentTaskRow } from '../../db/agent/agent-task-store.js';
import type { AgentUserRow } from '../../db/agent/agent-user-store.js';
import type { BroadcastRow } from '../../db/agent/broadcast-store.js';
import { percent, round } from '../../db/agent/agent-task-store.js';
import { monthlyReset } from '../../domain/agent/tiers.js';

export function agentUserView(u: AgentUserRow) {
  return {
    phone_number: u.phone_number,
    tier: u.tier,
    email: u.email,
    full_name: u.full_name,
    created_at: u.created_at,
    last_active: u.last_active,
    total_requests: u.total_requests,
    monthly_requests: u.monthly_requests,
    timezone: u.timezone,
    preferences: u.preferences,
  };
}

export function agentUserDetail(u: AgentUserRow, stats: unknown, now = new Date()) {
  return { ...agentUserView(u), rate_limit_reset: monthlyReset(now), stats };
}

export function agentTaskView(t: AgentTaskRow) {
  return {
    id: t.id,
    user_phone: t.user_phone,
    sms_content: t.sms_content,
    ai_response: t.ai_response,
    category: t.category,
    processing_time: t.processing_time,
    tokens_used: t.tokens_used,
    complexity_score: t.complexity_score,
    success: t.success,
    error_message: t.error_message,
    created_at: t.created_at,
    completed_at: t.completed_at,
    metadata: t.metadata,
  };
}

export function broadcastStatusView(b: BroadcastRow) {
  return {
    message_id: b.message_id,
    status: b.status,
    message_type: b.message_type,
    tier_filter: b.tier_filter,
    recipients_count: b.recipients_count,
    sent_count: b.sent_count,
    failed_count: b.failed_count,
    delivery_rate: round(percent(b.sent_count, b.sent_count + b.failed_count), 1),
    created_at: b.created_at,
    completed_at: b.completed_at,
  };
}
