import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { TemporalHandle } from '../../temporal/client.js';
import { startTenantWorkflow } from '../../temporal/start-tenant-workflow.js';
import type { ChannelPurchaseInput } from '../../workflows/channel-purchase.workflow.js';
import type { ChannelReleaseInput } from '../../workflows/channel-release.workflow.js';
import type { Principal } from '../../domain/identity/principal.js';
import { businessError, fieldError, notFound } from '../../domain/shared/errors.js';
import { findChannel, type ChannelRow } from '../../db/channels/channel-store.js';
import type { ChannelType } from '../../domain/channels/channel-types.js';
import type { ChannelView } from './channel-view.js';
import { resolveCountry } from '../../domain/channels/countries.js';
import { businessFailureOf } from '../../temporal/workflow-failure.js';
import { resultWithin } from './workflow-outcome.js';

/** How long a request waits for its purchase or release before answering 503 (the workflow goes on). */
const WAIT_MS = 60_000;

export interface PurchaseChannelRequest {
  country: string;
  name?: string;
  type: ChannelType;
}

/**
 * Seed 003's channel numbers: a purchase or a release runs as a short workflow on the messaging task
 * queue (id `channel-purchase-t<tenant>-<channel id>`), and the request waits for its outcome.
 */
export class ChannelProvisioning {
  constructor(private readonly pool: pg.Pool, private readonly temporal: TemporalHandle, private readonly taskQueue: string) {}

  async purchase(principal: Principal, request: PurchaseChannelRequest): Promise<ChannelView> {
    const country = resolveCountry(request.country);
    if (!country) throw fieldError('country', `Unknown country "${request.country}": use a country name such as "USA" or an ISO code such as "US".`);
    const channelId = randomUUID();
    const input: ChannelPurchaseInput = {
      channelId,
      tenantId: principal.tenantId,
      userId: principal.userId,
      isoCountry: country.isoCountry,
      countryLabel: request.country,
      name: request.name?.trim() || null,
      type: request.type,
    };
    const handle = await startTenantWorkflow(this.temporal.client, 'channelPurchaseWorkflow', {
      kind: 'channel-purchase',
      tenantId: principal.tenantId,
      id: channelId,
      taskQueue: this.taskQueue,
      args: [input],
    });
    return this.outcome<ChannelView>(handle, 'The purchase is still in progress; the channel appears in GET /api/channels/ once it is stored.');
  }

  /** Releases the number at the provider and retires the channel; a concurrent second release joins the first. */
  async release(principal: Principal, channelId: string): Promise<ChannelRow> {
    const channel = await findChannel(this.pool, principal.tenantId, channelId);
    if (!channel) throw notFound('Channel not found.');
    const input: ChannelReleaseInput = { channelId, tenantId: principal.tenantId, sid: channel.twilio_sid, phoneNumber: channel.phone_number };
    const handle = await startTenantWorkflow(this.temporal.client, 'channelReleaseWorkflow', {
      kind: 'channel-release',
      tenantId: principal.tenantId,
      id: channelId,
      taskQueue: this.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    await this.outcome(handle, 'The release is still in progress.');
    return { ...channel, status: 'released' };
  }

  private async outcome<T>(handle: Parameters<typeof resultWithin>[0], pending: string): Promise<T> {
    try {
      return await resultWithin<T>(handle, WAIT_MS, pending);
    } catch (err) {
      const failure = businessFailureOf(err);
      if (failure) throw businessError(failure.code, failure.message);
      throw err;
    }
  }
}
