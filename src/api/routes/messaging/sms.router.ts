import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { messagingResponses as r } from './messaging.responses.js';
import { principalOf } from '../../http/context.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { providerFailureCode } from '../../../domain/shared/business-codes.js';
import { isRegionCode } from '../../../domain/tenancy/regions.js';
import { describePhone } from '../../../domain/messaging/phone-numbers.js';
import { getMessage } from '../../../db/messaging/message-queries.js';
import { sendSms } from '../../../app/messaging/sms-sending.js';
import { smsStats } from '../../../db/messaging/sms-stats.js';
import { SmsProviderError } from '../../../domain/messaging/sms-provider.js';
import { loadTenantMessaging } from '../../../app/messaging/tenant-messaging.js';
import type { MessagingServices } from './messaging-services.js';
import { ok } from './paging.js';
import { sendSmsBody, statsQuery, validatePhoneBody } from './sms.schemas.js';

/** Seed 004's `/messaging/sms/`: send, balance, statistics, number validation, connection test, status. */
export function createSmsRouter(deps: ApiDeps, docs: OpenApiCollector, services: MessagingServices) {
  const { provider } = services;
  const routes = new Routes(docs, 'messaging: sms', '/api/messaging/sms');
  const sending = { pool: deps.db.pool, provider, config: deps.config };

  routes.post('/send/', { summary: 'Send one SMS to a list of numbers; invalid, duplicate and opted-out numbers are reported, not sent', body: sendSmsBody, response: r.smsSent, errors: [502, 503] }, async (ctx) => {
    const b = ctx.state.body;
    const result = await sendSms(sending, principalOf(ctx), { message: b.message, recipients: b.recipients, senderId: b.sender_id });
    return ok(result, `SMS sent to ${result.sent_count} of ${result.total_recipients} recipients`);
  });

  routes.get('/balance/', { summary: 'The SMS provider account balance', response: r.balance, errors: [502, 503] }, async () => {
    const balance = await provider.balance().catch(providerFailure);
    return ok({ ...balance, provider: provider.name });
  });

  routes.get('/stats/', { summary: 'SMS counts, delivery rate and cost over the last `days` days', query: statsQuery, response: r.smsStats }, async (ctx) => {
    return ok(await smsStats(deps.db.pool, principalOf(ctx).tenantId, ctx.state.query.days));
  });

  routes.post('/validate-phone/', { summary: 'Whether a number is valid, its E.164 form, country and line type', body: validatePhoneBody, response: r.phone }, async (ctx) => {
    const b = ctx.state.body;
    const region = b.country && isRegionCode(b.country) ? b.country : (await loadTenantMessaging(deps.db.pool, principalOf(ctx).tenantId)).defaultRegion;
    return ok(describePhone(b.phone_number, region));
  });

  routes.get('/test-connection/', { summary: 'Check the SMS provider credentials and reachability', response: r.connection }, async () => {
    const result = await provider.testConnection();
    return ok({ connected: result.ok, ...result, provider: provider.name }, result.ok ? 'SMS provider connection OK' : 'SMS provider connection failed');
  });

  routes.get('/:id/status/', { summary: 'Delivery status of a message (our id or the provider message SID)', response: r.smsStatus }, async (ctx) => {
    const m = await getMessage(deps.db.pool, principalOf(ctx).tenantId, ctx.params.id);
    return ok({
      id: m.id,
      message_id: m.id,
      provider_message_id: m.provider_message_id,
      to: m.to_number,
      status: m.status,
      error_code: m.error_code,
      error_message: m.error_message,
      segments: m.segments,
      cost: m.cost,
      currency: m.currency,
      sent_at: m.sent_at,
      delivered_at: m.delivered_at,
      read_at: m.read_at,
      failed_at: m.failed_at,
      created_at: m.created_at,
      updated_at: m.updated_at,
    });
  });

  return routes.router;
}

function providerFailure(err: unknown): never {
  if (err instanceof SmsProviderError) throw new DomainError(err.retryable ? 'UNAVAILABLE' : 'PROVIDER_ERROR', err.message, undefined, undefined, providerFailureCode(err.retryable));
  throw err;
}
