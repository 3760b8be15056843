import { proxyActivities } from '@temporalio/workflow';
import type { createChannelActivities } from '../activities/channels/channels.activities.js';

const { channelReleaseNumber } = proxyActivities<ReturnType<typeof createChannelActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
});

export interface ChannelReleaseInput {
  channelId: string;
  tenantId: number;
  sid: string | null;
  phoneNumber: string;
}

/** Gives a deleted channel's number back to the provider, then marks the channel released. */
export async function channelReleaseWorkflow(input: ChannelReleaseInput): Promise<{ released: boolean }> {
  return channelReleaseNumber({ reference: input.channelId, sid: input.sid, phoneNumber: input.phoneNumber });
}
