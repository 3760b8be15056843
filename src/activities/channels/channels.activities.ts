import type { ActivityDeps } from '../activity-deps.js';
import { businessError } from '../../domain/shared/errors.js';
import { atActivityBoundary } from '../shared/activity-failure.js';
import { ACTIVE_PHONE_CONSTRAINT, insertChannel, markChannelReleased } from '../../db/channels/channel-store.js';
import { NUMBER_REGISTRY_CONSTRAINT } from '../../db/messaging/tenant-numbers.js';
import type { ChannelType } from '../../domain/channels/channel-types.js';
import { channelView, defaultChannelName, type ChannelView } from '../../app/channels/channel-view.js';
import type { PurchasedNumber, PurchaseRequest, ReleaseRequest } from '../../domain/channels/number-purchase.js';

export interface StoreChannelInput {
  channelId: string;
  tenantId: number;
  userId: number;
  /** Null: seed 003's default, "<country as given> - <number>". */
  name: string | null;
  countryLabel: string;
  type: ChannelType;
  workflowId: string;
  number: PurchasedNumber;
}

/** Activities of the channel purchase saga and of releasing a channel's number. */
export function createChannelActivities(deps: Pick<ActivityDeps, 'db' | 'numbers'>) {
  const pool = deps.db.pool;

  return {
    /** Buys a number at the provider; a retry with the same reference answers with the number already bought. */
    async channelBuyNumber(input: PurchaseRequest): Promise<PurchasedNumber> {
      return atActivityBoundary(() => deps.numbers.purchase(input));
    },

    /** Stores the channel once per id and registers its number to the buyer; a number another channel or tenant holds is a non-retryable NUMBER_TAKEN. */
    async channelStore(input: StoreChannelInput): Promise<ChannelView> {
      return atActivityBoundary(() => storeChannel(input));
    },

    /** Gives the number back to the provider and marks its channel (if one was stored) released. */
    async channelReleaseNumber(input: ReleaseRequest): Promise<{ released: boolean }> {
      return atActivityBoundary(async () => {
        const result = await deps.numbers.release(input);
        await markChannelReleased(pool, input.reference);
        return result;
      });
    },
  };

  async function storeChannel(input: StoreChannelInput): Promise<ChannelView> {
    try {
      const row = await insertChannel(pool, {
        id: input.channelId,
        tenantId: input.tenantId,
        userId: input.userId,
        name: input.name ?? defaultChannelName(input.countryLabel, input.number.phoneNumber),
        type: input.type,
        workflowId: input.workflowId,
        number: input.number,
      });
      return channelView(row);
    } catch (err) {
      const e = err as { code?: string; constraint?: string };
      if (e.code === '23505' && e.constraint === ACTIVE_PHONE_CONSTRAINT) {
        throw businessError('NUMBER_TAKEN', `The number ${input.number.phoneNumber} is already held by another channel.`);
      }
      if (e.code === '23505' && e.constraint === NUMBER_REGISTRY_CONSTRAINT) {
        throw businessError('NUMBER_TAKEN', `The number ${input.number.phoneNumber} is already registered to a tenant.`);
      }
      throw err;
    }
  }
}
