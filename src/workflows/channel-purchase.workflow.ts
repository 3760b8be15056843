import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createChannelActivities, StoreChannelInput } from '../activities/channels/channels.activities.js';
import type { ChannelType } from '../domain/channels/channel-types.js';
import type { ChannelView } from '../app/channels/channel-view.js';
import { NOTHING_BOUGHT } from '../domain/channels/channel-failures.js';
import { failureCodeOf } from './shared/failure-code.js';

type Activities = ReturnType<typeof createChannelActivities>;

// The caller waits for this answer, so the purchase gives up after a few quick attempts.
const buy = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3, initialInterval: '1 second', maximumInterval: '4 seconds' } });
const store = proxyActivities<Activities>({ startToCloseTimeout: '15 seconds', retry: { maximumAttempts: 5, initialInterval: '500 milliseconds', maximumInterval: '4 seconds' } });
// A compensation must outlast a provider outage: it keeps trying long after the caller has been answered.
const undo = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', maximumAttempts: 200 } });

export interface ChannelPurchaseInput {
  channelId: string;
  tenantId: number;
  userId: number;
  isoCountry: string;
  countryLabel: string;
  name: string | null;
  type: ChannelType;
}

/**
 * Seed 003's purchase as a saga: buy a number, store it as a channel; if storing fails the number is
 * released at the provider, so a failed request never leaves a number we pay for without a channel.
 */
export async function channelPurchaseWorkflow(input: ChannelPurchaseInput): Promise<ChannelView> {
  const reference = input.channelId;
  let number;
  try {
    number = await buy.channelBuyNumber({ reference, isoCountry: input.isoCountry, type: input.type });
  } catch (err) {
    // An attempt that timed out may have bought a number after all: give back whatever carries our reference.
    const code = failureCodeOf(err);
    if (!code || !NOTHING_BOUGHT.includes(code)) await undo.channelReleaseNumber({ reference, sid: null, phoneNumber: null });
    throw failure(err, '');
  }
  const storeInput: StoreChannelInput = { ...input, workflowId: workflowInfo().workflowId, number };
  try {
    return await store.channelStore(storeInput);
  } catch (err) {
    await undo.channelReleaseNumber({ reference, sid: number.sid, phoneNumber: number.phoneNumber });
    throw failure(err, ' The number was released.');
  }
}

/** The activity's own failure (its message and business code) as the workflow's failure. */
function failure(err: unknown, note: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${unwrap(err).message}${note}`, failureCodeOf(err) ?? 'ChannelPurchaseFailed');
}

function unwrap(err: unknown): Error {
  return err instanceof ActivityFailure && err.cause ? err.cause : (err as Error);
}
