import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { principalOf, type AppContext } from '../http/context.js';
import { ChannelProvisioning } from '../../app/channels/channel-provisioning.js';
import { findChannel, listChannels } from '../../db/channels/channel-store.js';
import { channelView, PURCHASED_MESSAGE } from '../../app/channels/channel-view.js';
import { canManage } from '../../domain/tenancy/roles.js';
import { forbidden, notFound } from '../../domain/shared/errors.js';
import { channelListQuery, generatePhoneNumberBody } from './channels/channel.schemas.js';
import { seed003Errors } from './channels/seed-003-errors.js';
import { channelResponses as r } from './channels/channel.responses.js';

/** Seed 003: buy a number and store it as a channel in one call; list, read and release channels. */
export function createChannelsRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const pool = deps.db.pool;
  const provisioning = new ChannelProvisioning(pool, deps.temporal, deps.config.temporal.taskQueues.messaging);
  const routes = new Routes(docs, 'channels', '/api/channels');
  const managerOnly = (ctx: AppContext) => {
    if (!canManage(principalOf(ctx).role)) throw forbidden('Only tenant owners and admins can buy or release numbers.');
  };

  routes.post(
    '/generate-phone-number',
    { summary: 'Buy a phone number in a country (simulated without Twilio credentials) and store it as a channel, atomically', body: generatePhoneNumberBody, response: r.purchased, errors: [502] },
    async (ctx) => {
      managerOnly(ctx);
      const b = ctx.state.body;
      const channel = await provisioning.purchase(principalOf(ctx), { country: b.country, name: b.name ?? undefined, type: b.type });
      return { ...channel, message: PURCHASED_MESSAGE };
    },
    seed003Errors('Failed to generate phone number'),
  );

  routes.get('/', { summary: "The tenant's channels, newest first", query: channelListQuery, response: r.list }, async (ctx) => {
    const rows = await listChannels(pool, principalOf(ctx).tenantId, { type: ctx.state.query.type });
    return rows.map(channelView);
  });

  routes.get('/:id', { summary: 'One channel', response: r.one }, async (ctx) => {
    const row = await findChannel(pool, principalOf(ctx).tenantId, ctx.params.id);
    if (!row) throw notFound('Channel not found.');
    return channelView(row);
  });

  routes.delete(
    '/:id',
    { summary: "Release the channel's number at the provider and delete the channel", response: r.released, errors: [502] },
    async (ctx) => {
      managerOnly(ctx);
      const released = await provisioning.release(principalOf(ctx), ctx.params.id);
      return { ...channelView(released), released: true, message: 'Phone number released and channel deleted' };
    },
    seed003Errors('Failed to release phone number'),
  );

  return routes.router;
}
