import type { ApiDeps } from '../../deps.js';
import type { OpenApiCollector } from '../../openapi/collector.js';
import { Routes } from '../../http/routes.js';
import { agentResponses as r } from './agent.responses.js';
import { principalOf, type AppContext } from '../../http/context.js';
import { DomainError, notFound } from '../../../domain/shared/errors.js';
import { providerFailureCode } from '../../../domain/shared/business-codes.js';
import { phoneFromPath } from '../../../domain/agent/agent-user-fields.js';
import { changeTier, findAgentUser, insertAgentUser, listAgentUsers, updateAgentUser } from '../../../db/agent/agent-user-store.js';
import { userTaskStats } from '../../../db/agent/agent-task-store.js';
import { agentUserDetail, agentUserView } from '../../../app/agent/agent-views.js';
import { resolveSender } from '../../../db/messaging/sender.js';
import { SmsProviderError, type SmsProvider } from '../../../domain/messaging/sms-provider.js';
import { createUserBody, sendMessageBody, updateTierBody, updateUserBody, usersQuery } from './agent.schemas.js';
import { drfPage, pageWindow } from './drf-page.js';

const userNotFound = () => notFound('No user with this phone number.');

/** Seed 002's agent users, keyed by phone number within the caller's tenant. */
export function createAgentUsersRouter(deps: ApiDeps, docs: OpenApiCollector, sms: SmsProvider) {
  const pool = deps.db.pool;
  const routes = new Routes(docs, 'ai agent: users', '/api/users');
  const phoneOf = (ctx: AppContext) => phoneFromPath(String(ctx.params.phone));

  routes.get('/', { summary: 'List agent users (page, page_size, tier)', query: usersQuery, response: r.users }, async (ctx) => {
    const q = ctx.state.query;
    const page = await listAgentUsers(pool, principalOf(ctx).tenantId, { tier: q.tier }, pageWindow(q));
    return drfPage(ctx, deps.config.publicBaseUrl, q, { count: page.count, rows: page.rows.map(agentUserView) });
  });

  routes.post('/', { summary: 'Create an agent user', body: createUserBody, response: r.user, status: 201 }, async (ctx) => {
    const user = await insertAgentUser(pool, principalOf(ctx).tenantId, ctx.state.body);
    ctx.status = 201;
    return agentUserView(user);
  });

  routes.get('/:phone/', { summary: 'An agent user with usage stats', response: r.userDetail }, async (ctx) => {
    const tenantId = principalOf(ctx).tenantId;
    const user = await findAgentUser(pool, tenantId, phoneOf(ctx));
    if (!user) throw userNotFound();
    return agentUserDetail(user, await userTaskStats(pool, tenantId, user.phone_number));
  });

  routes.patch('/:phone/', { summary: 'Update an agent user', body: updateUserBody, response: r.userDetail }, async (ctx) => {
    const tenantId = principalOf(ctx).tenantId;
    const phone = phoneOf(ctx);
    const { tier, ...rest } = ctx.state.body;
    if (tier && !(await changeTier(pool, tenantId, phone, tier, null))) throw userNotFound();
    const user = await updateAgentUser(pool, tenantId, phone, rest);
    if (!user) throw userNotFound();
    return agentUserDetail(user, await userTaskStats(pool, tenantId, user.phone_number));
  });

  routes.post('/:phone/update_tier/', { summary: "Change a user's tier (remembered for upgrade figures)", body: updateTierBody, response: r.tierChanged }, async (ctx) => {
    const user = await changeTier(pool, principalOf(ctx).tenantId, phoneOf(ctx), ctx.state.body.tier, ctx.state.body.reason ?? null);
    if (!user) throw userNotFound();
    return { ...agentUserView(user), message: `Tier updated to ${user.tier}.` };
  });

  routes.post('/:phone/send_message/', { summary: 'Text an agent user through the SMS provider', body: sendMessageBody, response: r.messageSent, errors: [502] }, async (ctx) => {
    const tenantId = principalOf(ctx).tenantId;
    const user = await findAgentUser(pool, tenantId, phoneOf(ctx));
    if (!user) throw userNotFound();
    const sender = await resolveSender(pool, tenantId, 'US');
    const sent = await sms.send({ to: user.phone_number, from: sender.from, body: ctx.state.body.message }).catch((err: unknown) => {
      if (!(err instanceof SmsProviderError)) throw err;
      throw new DomainError('PROVIDER_ERROR', `The SMS provider refused the message: ${err.message}`, undefined, undefined, providerFailureCode(err.retryable));
    });
    return {
      status: 'sent',
      phone_number: user.phone_number,
      message_type: ctx.state.body.message_type,
      message_sid: sent.providerMessageId,
      provider_status: sent.status,
      simulated: sent.simulated,
    };
  });

  return routes.router;
}
